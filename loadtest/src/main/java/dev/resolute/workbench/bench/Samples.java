package dev.resolute.workbench.bench;

import java.util.Arrays;

/** Timed samples of one step; warm-up runs (negative run numbers) are dropped. */
final class Samples {
  private final double[] values;

  Samples(int runs) {
    values = new double[runs];
  }

  void add(int run, double ms) {
    if (run >= 0) {
      values[run] = ms;
    }
  }

  double median() {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
