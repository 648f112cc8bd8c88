package dev.resolute.control;

/**
 * What the controller sees of one camera when a batch is about to be processed.
 *
 * @param nowMs the controller's clock
 * @param lagSeconds how far processing is behind the arrivals: now minus the capture time of the
 *     chunk's last frame, less the time the chunk's frames already done took to arrive (at a
 *     chunk's first batch, how long the chunk has waited)
 * @param backlogRecords chunks queued behind it in its partition
 * @param backlogFrames frames queued behind it, the chunk's own not done yet included
 * @param arrivalFps frames arriving per second (EWMA)
 * @param processingShare how much of one processing thread this camera gets (see {@link ActiveCameras}):
 *     capacity scales with it
 */
public record Signals(long nowMs, double lagSeconds, long backlogRecords, double backlogFrames, double arrivalFps,
    double processingShare) {}
