package dev.resolute.control;

import java.util.Arrays;

/**
 * Measured cost and estimated quality of each resolution level for one camera: service time per
 * frame (EWMA of real timings, seeded by the warm-up) and IoU against the top level (EWMA of shadow
 * runs; the top level is 1 by definition, the others unknown until measured).
 */
public final class LevelStats {
  /** Shadow samples a level needs before its measured quality can rule it out. */
  static final int QUALITY_SAMPLES_TO_DOMINATE = 5;

  private final double[] serviceMs;
  private final double[] quality;
  private final int[] qualitySamples;
  private final double alpha;
  private double decodeMs;

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
    this.qualitySamples = new int[warmUpServiceMs.length];
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
    qualitySamples[level]++;
  }

  /**
   * Decode time per frame: paid for every frame, skipped or not, so a stride only divides the rest
   * of a level's service time.
   */
  public void observeDecode(double msPerFrame) {
    if (msPerFrame > 0) {
      decodeMs = decodeMs == 0 ? msPerFrame : decodeMs + alpha * (msPerFrame - decodeMs);
    }
  }

  public double serviceMs(int level) {
    return serviceMs[level];
  }

  /** Estimated IoU against the top level, or NaN while unmeasured. */
  public double quality(int level) {
    return quality[level];
  }

  /** Frames per second one whole thread sustains at this level, processing every frame. */
  public double capacityFps(int level) {
    return capacityFps(level, 1);
  }

  /**
   * Arriving frames per second one whole thread sustains at this level when only every
   * {@code stride}-th frame is segmented: every frame is still decoded.
   */
  public double capacityFps(int level, int stride) {
    double decode = Math.min(decodeMs, serviceMs[level]);
    return 1000.0 / (decode + (serviceMs[level] - decode) / stride);
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
    // unmeasured (or too few samples to trust): just under every trusted level above it, so the
    // ladder order decides; one unlucky shadow frame must not rule a level out for good
    if (level == 0 || qualitySamples[level] >= QUALITY_SAMPLES_TO_DOMINATE) {
      return quality[level];
    }
    double above = 1.0;
    for (int l = 1; l < level; l++) {
      if (qualitySamples[l] >= QUALITY_SAMPLES_TO_DOMINATE) {
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
