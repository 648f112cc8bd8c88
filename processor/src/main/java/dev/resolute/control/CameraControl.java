package dev.resolute.control;

/**
 * One camera's controller with the estimators that feed it. Arrival rate comes from the capture
 * times of the camera's own chunks (frames per second of capture time), so a replay at twice real
 * time reads as twice the rate and a burst of queued chunks as a burst; backlog comes from the
 * partition's end offset.
 */
public final class CameraControl {
  private final String cameraId;
  private final ResolutionController controller;
  private final RateEstimator arrivals;
  private long lastCaptureMs = Long.MIN_VALUE;
  private long lastSpanMs;
  private int lastFrames;
  private Signals lastSignals;

  public CameraControl(String cameraId, ControlConfig config, double[] warmUpServiceMs, long nowMs) {
    this(cameraId, config, new LevelStats(warmUpServiceMs, config.serviceAlpha()), nowMs);
  }

  private CameraControl(String cameraId, ControlConfig config, LevelStats stats, long nowMs) {
    this.cameraId = cameraId;
    this.controller = new ResolutionController(config, stats, nowMs);
    this.arrivals = new RateEstimator(config.ewmaTime().toMillis() / 1000.0);
  }

  /**
   * A camera whose frame size has no cost table yet: it starts on the cheapest level, timed by its
   * own first chunk, until {@link #adoptCosts} hands it the warm-up's table.
   */
  public static CameraControl unmeasured(String cameraId, ControlConfig config, int levels, long nowMs) {
    return new CameraControl(cameraId, config, LevelStats.unmeasured(levels, config.serviceAlpha()), nowMs);
  }

  /** Whether it still waits for the warm-up's table. */
  public boolean awaitingCosts() {
    return !controller.stats().complete();
  }

  public void adoptCosts(double[] table) {
    controller.adoptCosts(table);
  }

  public String cameraId() {
    return cameraId;
  }

  public ResolutionController controller() {
    return controller;
  }

  public Signals lastSignals() {
    return lastSignals;
  }

  /**
   * @param captureTimeMs the chunk's capture time (its first frame's), for the arrival rate
   * @param completedAtMs when its last frame was captured: lag is counted from there
   * @param frames its frame count
   * @param backlogRecords chunks behind it in its partition (0 when unknown)
   * @param processingShare threads / cameras this instance serves
   */
  public Decision decide(long nowMs, long captureTimeMs, long completedAtMs, int frames, long backlogRecords,
      double processingShare) {
    if (lastCaptureMs != Long.MIN_VALUE) {
      // capture times are first-frame times: the previous chunk's frames span the gap to this one,
      // and at least their own span. A chunk stamped at or before the previous one (a copy, a
      // re-stamped replay, a camera whose clock went back) says nothing about the rate: counting
      // it as a 1 ms interval read as thousands of frames a second, and a controller that had
      // just restarted took that as its first estimate
      long gapMs = Math.max(captureTimeMs - lastCaptureMs, lastSpanMs);
      if (captureTimeMs > lastCaptureMs && gapMs > 0) {
        arrivals.update(lastFrames, gapMs / 1000.0);
      }
    }
    lastCaptureMs = Math.max(lastCaptureMs, captureTimeMs);
    lastSpanMs = Math.max(0, completedAtMs - captureTimeMs);
    lastFrames = frames;
    double lagSeconds = Math.max(0, nowMs - completedAtMs) / 1000.0;
    lastSignals = new Signals(nowMs, lagSeconds, backlogRecords, (double) backlogRecords * frames, arrivals.rate(), processingShare);
    return controller.decide(lastSignals);
  }

  /** Quality estimate of a level: measured IoU against the top level, or 1 where unmeasured. */
  public double qualityOf(int level) {
    double q = controller.stats().quality(level);
    return Double.isNaN(q) ? 1.0 : q;
  }

  /**
   * Whether shadow runs at the top level fit: only at stride 1 (skipping frames means there is no
   * time to spare) and only when the level keeps its headroom with their cost added, one top-level
   * run per {@code shadowEvery} frames.
   */
  public boolean canShadow(Decision decision, double headroom, int shadowEvery) {
    if (decision.level() == 0 || decision.stride() > 1 || shadowEvery <= 0) {
      return false;
    }
    LevelStats stats = controller.stats();
    double msPerFrame = stats.serviceMs(decision.level()) + stats.serviceMs(0) / shadowEvery;
    double share = lastSignals.processingShare() > 0 ? lastSignals.processingShare() : 1.0;
    double capacityWithShadows = share * 1000.0 / msPerFrame;
    return capacityWithShadows >= (1 + headroom) * Math.max(decision.requiredFps(), lastSignals.arrivalFps());
  }
}
