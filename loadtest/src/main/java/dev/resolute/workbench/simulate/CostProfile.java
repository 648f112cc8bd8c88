package dev.resolute.workbench.simulate;

/**
 * What each level costs and how good it is, as the simulated processor experiences it.
 *
 * @param serviceMs mean milliseconds per processed frame of each level, its decode included
 * @param quality IoU of each level against the top level
 * @param jitter relative spread of each frame's service time (uniform, +-)
 * @param decodeMs milliseconds per frame of decoding, paid for skipped frames too
 */
public record CostProfile(double[] serviceMs, double[] quality, double jitter, double decodeMs) {

  public CostProfile {
    if (!(decodeMs >= 0) || serviceMs.length != quality.length) {
      throw new IllegalArgumentException("decodeMs must be >= 0 and quality given per level");
    }
    for (double ms : serviceMs) {
      if (!(ms >= decodeMs) || !(ms > 0)) {
        throw new IllegalArgumentException("every level's service time must be > 0 and include the decode");
      }
    }
  }

  /** Decode not modelled apart: a skipped frame costs nothing. */
  public CostProfile(double[] serviceMs, double[] quality, double jitter) {
    this(serviceMs, quality, jitter, 0);
  }

  /**
   * Costs of a convolutional network whose compute scales with pixels, plus fixed per-frame work
   * ({@code fixedMs}: decode, upsampling, encoding), of which the decode is half: a frame that a
   * stride skips is still decoded.
   */
  public static CostProfile pixelScaled(double fullLevelMs, double fixedMs, double[] ladder, double[] quality, double jitter) {
    double[] ms = new double[ladder.length];
    for (int i = 0; i < ladder.length; i++) {
      ms[i] = fixedMs + (fullLevelMs - fixedMs) * ladder[i] * ladder[i];
    }
    return new CostProfile(ms, quality, jitter, fixedMs / 2);
  }

  public double fullLevelCapacityFps() {
    return 1000.0 / serviceMs[0];
  }

  /**
   * How long the background warm-up of one camera size takes: three runs of one frame at every
   * level, as {@code ChunkSegmenter.warmUp} does.
   */
  public double warmUpSeconds() {
    return 3 * java.util.Arrays.stream(serviceMs).sum() / 1000.0;
  }
}
