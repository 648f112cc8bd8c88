package dev.resolute.control;

/**
 * What the controller sees of one camera when a chunk is about to be processed.
 *
 * @param nowMs the controller's clock
 * @param lagSeconds how long the chunk about to be processed has waited (now minus the capture
 *     time of its last frame)
 * @param backlogRecords chunks queued behind it in its partition
 * @param backlogFrames frames queued behind it
 * @param arrivalFps frames arriving per second (EWMA)
 * @param processingShare how much of one processing thread this camera gets (threads / cameras
 *     sharing them): capacity scales with it
 */
public record Signals(long nowMs, double lagSeconds, long backlogRecords, double backlogFrames, double arrivalFps,
    double processingShare) {}
