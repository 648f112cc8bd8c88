package dev.resolute.pipeline;

import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;

/** What the processor publishes for one frame: a skipped frame has a cost record and no mask. */
public record SegmentedFrame(SegmentationMask mask, FrameCost cost) {
  public boolean skipped() {
    return mask == null;
  }
}
