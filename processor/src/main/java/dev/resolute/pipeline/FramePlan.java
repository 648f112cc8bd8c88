package dev.resolute.pipeline;

/**
 * How one chunk is to be processed, as the controller decided, and the figures behind the decision
 * that every cost record carries.
 *
 * @param level resolution ladder level
 * @param stride every stride-th frame of the stream is processed; the others are skipped
 * @param shadowEvery every n-th processed frame also runs at the top level to measure quality (0 = none)
 */
public record FramePlan(int level, int stride, int shadowEvery, long lagMs, long backlogRecords, double arrivalFps,
    double qualityEstimate, int desiredReplicas, String policy) {

  /** Level fixed, every frame, no shadow runs: tests and tools that do not control. */
  public static FramePlan fixed(int level) {
    return new FramePlan(level, 1, 0, 0, 0, 0, 1.0, 1, "fixed");
  }

  boolean processes(long frameIndex) {
    return frameIndex % stride == 0;
  }

  boolean shadows(long frameIndex) {
    return level > 0 && shadowEvery > 0 && (frameIndex / stride) % shadowEvery == 0;
  }
}
