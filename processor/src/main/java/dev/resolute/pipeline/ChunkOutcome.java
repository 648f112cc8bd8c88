package dev.resolute.pipeline;

import java.util.List;

/**
 * What processing one chunk produced and measured.
 *
 * @param frames one entry per frame of the chunk; skipped frames carry a cost record and no mask
 * @param serviceMsPerFrame wall time per processed frame (decode share included, shadow runs not)
 * @param shadowIous IoU of each shadow frame's mask against its top-level mask
 */
public record ChunkOutcome(List<SegmentedFrame> frames, double serviceMsPerFrame, List<Double> shadowIous) {}
