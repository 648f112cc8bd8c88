package dev.resolute.control;

import java.util.Arrays;

/**
 * Measured cost and estimated quality of each resolution level for one camera: service time per
 * frame (EWMA of real timings, seeded by the warm-up) and IoU against the top level (EWMA of shadow
 * runs; the top level is 1 by definition, the others unknown until measured).
 */
public final class LevelStats {
  private final double[] serviceMs;
  private final double[] quality;
  private final double alpha;

  public LevelStats(double[] warmUpServiceMs, double alpha) {
    if (warmUpServiceMs.length == 0) {
      throw new IllegalArgumentException("at least one level is needed");
    }
    for (double ms : warmUpServiceMs) {
      if (!(ms > 0)) {
        throw new IllegalArgumentException("warm-up service times must be > 0, got " + Arrays.toString(warmUpServiceMs));
      }
    }
    this.serviceMs = warmUpServiceMs.clone();
    this.quality = new double[warmUpServiceMs.length];
    Arrays.fill(quality, Double.NaN);
    quality[0] = 1.0;
    this.alpha = alpha;
  }

  public int levels() {
    return serviceMs.length;
  }

  public void observeService(int level, double msPerFrame) {
    if (msPerFrame > 0) {
      serviceMs[level] += alpha * (msPerFrame - serviceMs[level]);
    }
  }

  public void observeQuality(int level, double iou) {
    if (level == 0 || Double.isNaN(iou)) {
      return;
    }
    quality[level] = Double.isNaN(quality[level]) ? iou : quality[level] + alpha * (iou - quality[level]);
  }

  public double serviceMs(int level) {
    return serviceMs[level];
  }

  /** Estimated IoU against the top level, or NaN while unmeasured. */
  public double quality(int level) {
    return quality[level];
  }

  /** Frames per second one whole thread sustains at this level. */
  public double capacityFps(int level) {
    return 1000.0 / serviceMs[level];
  }

  /**
   * A level is dominated when another is at least as cheap and at least as good, and strictly
   * better in one; choosing it could never be right. Unmeasured quality is assumed to fall with
   * the level (the ladder's order), so only measured figures can dominate.
   */
  public boolean dominated(int level) {
    for (int other = 0; other < serviceMs.length; other++) {
      if (other == level) {
        continue;
      }
      double q = qualityOrPrior(level);
      double qo = qualityOrPrior(other);
      boolean noWorse = serviceMs[other] <= serviceMs[level] && qo >= q;
      boolean better = serviceMs[other] < serviceMs[level] || qo > q;
      if (noWorse && better) {
        return true;
      }
    }
    return false;
  }

  private double qualityOrPrior(int level) {
    // unmeasured: just under every measured level above it, so the ladder order decides
    if (!Double.isNaN(quality[level])) {
      return quality[level];
    }
    double above = 1.0;
    for (int l = 0; l < level; l++) {
      if (!Double.isNaN(quality[l])) {
        above = Math.min(above, quality[l]);
      }
    }
    return above - 1e-6 * level;
  }

  public double[] serviceMsSnapshot() {
    return serviceMs.clone();
  }

  public double[] qualitySnapshot() {
    return quality.clone();
  }
}
