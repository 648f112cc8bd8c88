package dev.resolute.control;

/**
 * The controller's answer for one chunk.
 *
 * @param changed true when level or stride differ from the previous chunk's
 * @param reason why, in words, for the decision record and logs
 */
public record Decision(int level, int stride, boolean changed, int fromLevel, int fromStride, double requiredFps,
    double capacityFps, int desiredReplicas, String reason) {

  /** Whether the frame at this index in the camera's stream is processed under this stride. */
  public boolean processes(long frameIndex) {
    return frameIndex % stride == 0;
  }
}
