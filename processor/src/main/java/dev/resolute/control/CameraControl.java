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
  private Signals lastSignals;

  public CameraControl(String cameraId, ControlConfig config, double[] warmUpServiceMs, long nowMs) {
    this.cameraId = cameraId;
    this.controller = new ResolutionController(config, new LevelStats(warmUpServiceMs, config.serviceAlpha()), nowMs);
    this.arrivals = new RateEstimator(config.ewmaTime().toMillis() / 1000.0);
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
      // a chunk's frames arrived over the time since the previous chunk's capture
      arrivals.update(frames, Math.max(1, captureTimeMs - lastCaptureMs) / 1000.0);
    }
    lastCaptureMs = captureTimeMs;
    double lagSeconds = Math.max(0, nowMs - completedAtMs) / 1000.0;
    lastSignals = new Signals(nowMs, lagSeconds, backlogRecords, (double) backlogRecords * frames, arrivals.rate(), processingShare);
    return controller.decide(lastSignals);
  }

  /** Quality estimate of a level: measured IoU against the top level, or 1 where unmeasured. */
  public double qualityOf(int level) {
    double q = controller.stats().quality(level);
    return Double.isNaN(q) ? 1.0 : q;
  }

  /** Whether there is capacity to spare for shadow runs at the top level. */
  public boolean hasHeadroom(Decision decision, double headroom) {
    return decision.capacityFps() >= (1 + headroom) * Math.max(decision.requiredFps(), lastSignals.arrivalFps());
  }
}
