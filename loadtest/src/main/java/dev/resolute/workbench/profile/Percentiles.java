package dev.resolute.workbench.profile;

import java.util.Arrays;

/** Summary figures of per-frame samples; nearest-rank percentiles, so every figure is a real sample. */
final class Percentiles {
  private Percentiles() {}

  static double p50(double[] samples) {
    return rank(samples, 0.50);
  }

  static double p95(double[] samples) {
    return rank(samples, 0.95);
  }

  static double mean(double[] samples) {
    return Arrays.stream(samples).average().orElse(Double.NaN);
  }

  /** Population standard deviation: how much the figure moves from frame to frame. */
  static double spread(double[] samples) {
    double mean = mean(samples);
    return Math.sqrt(Arrays.stream(samples).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));
  }

  private static double rank(double[] samples, double p) {
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
