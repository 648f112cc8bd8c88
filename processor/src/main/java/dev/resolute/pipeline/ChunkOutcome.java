package dev.resolute.pipeline;

import java.util.List;

/**
 * What processing one chunk produced and measured.
 *
 * @param frames one entry per frame of the chunk; skipped frames carry a cost record and no mask
 * @param serviceMsPerFrame wall time of a processed frame: its decode plus its own work (shadow runs not included)
 * @param decodeMsPerFrame decode time per frame of the chunk, skipped frames included
 * @param shadowIous IoU of each shadow frame's mask against its top-level mask
 */
public record ChunkOutcome(List<SegmentedFrame> frames, double serviceMsPerFrame, double decodeMsPerFrame,
    List<Double> shadowIous) {}
