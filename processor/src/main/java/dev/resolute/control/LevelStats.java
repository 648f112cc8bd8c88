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

  private final boolean[] unusable;

  public LevelStats(double[] warmUpServiceMs, double alpha) {
    if (warmUpServiceMs.length == 0) {
      throw new IllegalArgumentException("at least one level is needed");
    }
    for (double ms : warmUpServiceMs) {
      if (!(ms > 0) && !Double.isNaN(ms)) {
        throw new IllegalArgumentException("warm-up service times must be > 0 (NaN: not measured yet), got "
            + Arrays.toString(warmUpServiceMs));
      }
    }
    this.serviceMs = warmUpServiceMs.clone();
    this.quality = new double[warmUpServiceMs.length];
    Arrays.fill(quality, Double.NaN);
    unusable = new boolean[warmUpServiceMs.length];
    quality[0] = 1.0;
    this.qualitySamples = new int[warmUpServiceMs.length];
    this.alpha = alpha;
  }

  /**
   * Before any level is measured: a camera whose frame size has no warm-up yet starts here, so that
   * its first chunks are processed at once instead of waiting seconds for the warm-up.
   */
  public static LevelStats unmeasured(int levels, double alpha) {
    double[] none = new double[levels];
    Arrays.fill(none, Double.NaN);
    return new LevelStats(none, alpha);
  }

  /** Whether every level has a cost: until then only measured levels can be chosen. */
  public boolean complete() {
    return Arrays.stream(serviceMs).noneMatch(Double::isNaN);
  }

  /**
   * A level whose processing keeps failing for this camera (a native failure in inference at that
   * size, say): never chosen again, whatever its cost says.
   */
  public void markUnusable(int level) {
    unusable[level] = true;
  }

  public boolean usable(int level) {
    return !unusable[level];
  }

  public boolean measured(int level) {
    return !Double.isNaN(serviceMs[level]);
  }

  /**
   * Fills the levels not measured yet from a warm-up table; a level already timed on this camera's
   * real chunks keeps its own figure, which includes batching the warm-up does not.
   */
  public void adopt(double[] table) {
    if (table.length != serviceMs.length) {
      throw new IllegalArgumentException("cost table has " + table.length + " levels, the model " + serviceMs.length);
    }
    for (int l = 0; l < table.length; l++) {
      if (Double.isNaN(serviceMs[l]) && table[l] > 0) {
        serviceMs[l] = table[l];
      }
    }
  }

  public int levels() {
    return serviceMs.length;
  }

  public void observeService(int level, double msPerFrame) {
    if (msPerFrame > 0 && Double.isNaN(serviceMs[level])) {
      serviceMs[level] = msPerFrame;
    } else if (msPerFrame > 0) {
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
      if (other == level || !measured(other)) {
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

  /**
   * Starting quality from a profile: shown and reported until shadow runs measure it, but counted
   * as no samples, so it never rules a level out on its own.
   */
  public void seedQuality(double[] profiled) {
    for (int level = 1; level < Math.min(profiled.length, quality.length); level++) {
      if (qualitySamples[level] == 0) {
        quality[level] = profiled[level];
      }
    }
  }

  public double[] serviceMsSnapshot() {
    return serviceMs.clone();
  }

  public double[] qualitySnapshot() {
    return quality.clone();
  }
}
