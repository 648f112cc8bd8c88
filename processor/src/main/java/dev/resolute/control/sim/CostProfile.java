package dev.resolute.control.sim;

/**
 * What each level costs and how good it is, as the simulated processor experiences it.
 *
 * @param serviceMs mean milliseconds per frame of each level
 * @param quality IoU of each level against the top level
 * @param jitter relative spread of each frame's service time (uniform, +-)
 */
public record CostProfile(double[] serviceMs, double[] quality, double jitter) {

  /** Costs of a convolutional network whose compute scales with pixels, plus fixed per-frame work. */
  public static CostProfile pixelScaled(double fullLevelMs, double fixedMs, double[] ladder, double[] quality, double jitter) {
    double[] ms = new double[ladder.length];
    for (int i = 0; i < ladder.length; i++) {
      ms[i] = fixedMs + (fullLevelMs - fixedMs) * ladder[i] * ladder[i];
    }
    return new CostProfile(ms, quality, jitter);
  }

  public double fullLevelCapacityFps() {
    return 1000.0 / serviceMs[0];
  }
}
