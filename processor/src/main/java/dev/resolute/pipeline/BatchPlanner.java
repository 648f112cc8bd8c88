package dev.resolute.pipeline;

import java.util.List;

/**
 * Asked before each inference batch of a chunk how to process it, and told afterwards what it
 * cost: the level and stride may change between batches, the chunk stays the unit of output.
 */
public interface BatchPlanner {
  /**
   * @param framesLeft frames of the chunk neither processed nor skipped yet
   */
  FramePlan next(int framesLeft);

  /**
   * @param processed frames segmented in the batch (0 when the plan's stride skipped all that were left)
   * @param serviceMsPerFrame wall time of each of them, decode included, shadow runs not
   * @param decodeMsPerFrame decode time per frame of the chunk
   * @param shadowIous IoU of each shadow frame of the batch against its top-level mask
   */
  void done(FramePlan plan, int processed, double serviceMsPerFrame, double decodeMsPerFrame, List<Double> shadowIous);

  /** The same plan for every batch, nothing learned: tests and tools that do not control. */
  static BatchPlanner constant(FramePlan plan) {
    return new BatchPlanner() {
      @Override
      public FramePlan next(int framesLeft) {
        return plan;
      }

      @Override
      public void done(FramePlan p, int processed, double serviceMsPerFrame, double decodeMsPerFrame, List<Double> shadowIous) {
      }
    };
  }
}
