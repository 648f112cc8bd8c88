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
  /** Levels timed on this camera's own frames, as opposed to figures from the starting table. */
  private final boolean[] timed;
  /** Timings of each level on this camera's own frames since its last table: how far its figure can be trusted. */
  private final int[] serviceSamples;
  /** The starting table (warm-up, cache, profile, a previous owner's decision); NaN where it had nothing. */
  private final double[] table;
  /** Real timings over the table's figures for the same levels (EWMA); NaN before the first timing. */
  private double scale = Double.NaN;

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
    this.table = warmUpServiceMs.clone();
    this.quality = new double[warmUpServiceMs.length];
    Arrays.fill(quality, Double.NaN);
    unusable = new boolean[warmUpServiceMs.length];
    timed = new boolean[warmUpServiceMs.length];
    serviceSamples = new int[warmUpServiceMs.length];
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
   * Takes a warm-up's table for every level, replacing what this camera timed while it waited: the
   * table times all levels on one frame at one moment, so its levels compare with each other,
   * while the camera's own early timings ran beside the warm-up, on a CPU it took half of. Every
   * camera of one size then starts from the same figures, and equal cameras decide alike.
   */
  public void adopt(double[] table) {
    if (table.length != serviceMs.length) {
      throw new IllegalArgumentException("cost table has " + table.length + " levels, the model " + serviceMs.length);
    }
    for (int l = 0; l < table.length; l++) {
      if (table[l] > 0) {
        this.table[l] = table[l];
        serviceMs[l] = table[l];
        timed[l] = false;
        serviceSamples[l] = 0;
      }
    }
    scale = Double.NaN;
  }

  public int levels() {
    return serviceMs.length;
  }

  /**
   * A level's first timing on this camera replaces the starting figure, later ones are averaged in.
   * The levels not timed yet follow the table times the running ratio of real timings to the
   * table's figures: a table that is off (a warm-up of single frames, a cache measured on a quieter
   * machine, a CPU that has since filled up) is off for every level alike, so a level chosen on a
   * figure half its real cost would fall behind before its own timings caught up, and an untimed
   * level must not look cheaper than the timed one merely because the load rose since the table.
   */
  public void observeService(int level, double msPerFrame) {
    if (!(msPerFrame > 0)) {
      return;
    }
    if (table[level] > 0) {
      double ratio = msPerFrame / table[level];
      scale = Double.isNaN(scale) ? ratio : scale + alpha * (ratio - scale);
    }
    if (!timed[level] || Double.isNaN(serviceMs[level])) {
      serviceMs[level] = msPerFrame;
    } else {
      serviceMs[level] += alpha * (msPerFrame - serviceMs[level]);
    }
    timed[level] = true;
    serviceSamples[level]++;
    if (!Double.isNaN(scale)) {
      for (int l = 0; l < serviceMs.length; l++) {
        if (!timed[l] && table[l] > 0) {
          serviceMs[l] = table[l] * scale;
        }
      }
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

  /** Batches of this camera's own frames timed at this level (none for a figure from a table). */
  public int serviceSamples(int level) {
    return serviceSamples[level];
  }

  public double serviceMs(int level) {
    return serviceMs[level];
  }

  /**
   * Whether the level's quality is known well enough to act on: enough shadow samples that one
   * unlucky frame does not decide, or figures from a stored profile.
   */
  public boolean qualityTrusted(int level) {
    return level == 0 || qualitySamples[level] >= QUALITY_SAMPLES_TO_DOMINATE;
  }

  /**
   * Quality per level known before any shadow run (a stored profile's IoU against the top level):
   * trusted at once; shadow runs refine it. NaN entries leave a level unknown.
   */
  public void adoptQuality(double[] iou) {
    if (iou.length != quality.length) {
      throw new IllegalArgumentException("quality table has " + iou.length + " levels, the model " + quality.length);
    }
    for (int l = 1; l < iou.length; l++) {
      if (!Double.isNaN(iou[l])) {
        quality[l] = iou[l];
        qualitySamples[l] = Math.max(qualitySamples[l], QUALITY_SAMPLES_TO_DOMINATE);
      }
    }
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

  public double[] serviceMsSnapshot() {
    return serviceMs.clone();
  }

  public double[] qualitySnapshot() {
    return quality.clone();
  }
}
