package dev.resolute.pipeline;

import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;

/** What the processor publishes for one frame. */
public record SegmentedFrame(SegmentationMask mask, FrameCost cost) {}
