package dev.resolute.control;

/**
 * One camera's control loop: before each inference batch it plans the batch (level, stride, shadow
 * runs), after it observes what the batch cost. The processor drives it per batch of each chunk,
 * the simulator the same way on a virtual clock, so tuning in one carries over to the other.
 *
 * <p>Arrival rate comes from the capture times of the camera's own chunks (frames per second of
 * capture time), so a replay at twice real time reads as twice the rate and a burst of queued
 * chunks as a burst; backlog comes from the partition's end offset and the frames of the current
 * chunk not processed yet.
 */
public final class CameraControl {
  private final String cameraId;
  private final ResolutionController controller;
  private final RateEstimator arrivals;
  private long lastCaptureMs = Long.MIN_VALUE;
  private long lastSpanMs;
  private int lastFrames;
  private Signals lastSignals;
  private final ControlConfig config;
  /** The chunk in progress: when its last frame was captured, its frames, and what was queued behind it. */
  private long completedAtMs;
  private int chunkFrames;
  private long backlogRecords;
  private double share = 1.0;
  private double previousChunkLag = Double.NaN;
  private boolean lagRising;

  public CameraControl(String cameraId, ControlConfig config, double[] warmUpServiceMs, long nowMs) {
    this(cameraId, config, new LevelStats(warmUpServiceMs, config.serviceAlpha()), nowMs);
  }

  private CameraControl(String cameraId, ControlConfig config, LevelStats stats, long nowMs) {
    this.cameraId = cameraId;
    this.config = config;
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

  /**
   * A camera this instance has no state for but whose last decision is known (its partition moved
   * here, or the processor restarted): its costs, quality and arrival rate are taken over, and under
   * the adaptive policy it resumes at the decided level and stride. The first decision is published
   * and says so, so the decisions topic tells the whole story.
   *
   * @param startingCosts this instance's table for the camera's size, filling what the decision
   *     had not measured; null when none
   */
  public static CameraControl resumed(String cameraId, ControlConfig config, LastDecision last, double[] startingCosts,
      long nowMs) {
    double[] ms = last.serviceMs().clone();
    for (int l = 0; l < ms.length; l++) {
      if (!(ms[l] > 0)) {
        ms[l] = startingCosts != null && startingCosts.length == ms.length && startingCosts[l] > 0 ? startingCosts[l] : Double.NaN;
      }
    }
    LevelStats stats = new LevelStats(ms, config.serviceAlpha());
    stats.adoptQuality(last.quality());
    CameraControl camera = new CameraControl(cameraId, config, stats, nowMs);
    camera.arrivals.seed(last.arrivalFps());
    camera.controller.resume(last, nowMs);
    return camera;
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
   * A chunk is about to be processed: updates the arrival rate. The batches that follow are planned
   * with {@link #planBatch}.
   *
   * @param captureTimeMs the chunk's capture time (its first frame's), for the arrival rate
   * @param completedAtMs when its last frame was captured: lag is counted from there
   * @param frames its frame count
   * @param backlogRecords chunks behind it in its partition (0 when unknown)
   * @param processingShare this camera's part of its stream thread (see {@link ActiveCameras})
   */
  public void chunkArrived(long nowMs, long captureTimeMs, long completedAtMs, int frames, long backlogRecords,
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
      // the next interval is measured from this chunk even when it went back: after one chunk
      // stamped far ahead (accepted within the clock skew) the camera's own times lie behind it,
      // and measuring from the maximum ignored every chunk until the clock caught up with the jump
      // (for a jump of years the rate stayed at the 0 fps its gap had pulled it to, for good)
      lastCaptureMs = captureTimeMs;
    } else if (frames > 1 && completedAtMs > captureTimeMs) {
      // the first chunk's own frames tell the rate: without it the first decisions saw 0 fps, chose
      // the top level, and a chunk that is slower than its span there fell seconds behind
      arrivals.update(frames - 1, (completedAtMs - captureTimeMs) / 1000.0);
    }
    if (lastCaptureMs == Long.MIN_VALUE) {
      lastCaptureMs = captureTimeMs;
    }
    lastSpanMs = Math.max(0, completedAtMs - captureTimeMs);
    lastFrames = frames;
    this.completedAtMs = completedAtMs;
    this.chunkFrames = frames;
    this.backlogRecords = backlogRecords;
    this.share = processingShare;
    double lag = Math.max(0, nowMs - completedAtMs) / 1000.0;
    // under the low-water mark lag is noise; above it, growing from chunk to chunk means every spare
    // millisecond belongs to the backlog
    lagRising = lag > config.lowWaterSeconds() && !Double.isNaN(previousChunkLag) && lag > previousChunkLag;
    previousChunkLag = lag;
  }

  /**
   * The plan of the chunk's next batch, decided on the lag and backlog of this moment, so a level
   * that cannot keep up is left after one batch rather than one chunk.
   *
   * @param framesLeft frames of the current chunk not processed or skipped yet
   */
  public BatchPlan planBatch(long nowMs, int framesLeft) {
    // behind the pace of arrivals, not merely old: a chunk's later frames may wait as long as its
    // earlier ones took to arrive, so a 24-frame chunk that takes 20 s to arrive and 20 s to segment
    // is on time at every batch, while one that takes 22 s at 24 fps is seconds late after its first
    double arrival = arrivals.rate();
    int framesDone = Math.max(0, chunkFrames - Math.max(0, framesLeft));
    double paceMs = arrival > 0 ? 1000.0 * framesDone / arrival : 0;
    // a camera with part of a thread waits, by design, while the other cameras' chunks take the
    // rest: up to (1 - share) of its chunk's span. Counted as lag, that wait fell on whichever camera
    // was queued behind the others (cameras started together close their chunks on the same
    // instant), kept it over the low-water mark so it never stepped up, and the cameras it waited
    // behind, seeing none, took the time it gave up: two equal ISNet cameras ended at stride 2 and 8
    double othersMs = arrival > 0 ? (1 - share()) * 1000.0 * chunkFrames / arrival : 0;
    double lagSeconds = Math.max(0, nowMs - completedAtMs - paceMs - othersMs) / 1000.0;
    double backlogFrames = (double) backlogRecords * chunkFrames + Math.max(0, framesLeft);
    lastSignals = new Signals(nowMs, lagSeconds, backlogRecords, backlogFrames, arrival, share);
    Decision decision = controller.decide(lastSignals);
    int shadowEvery = config.policy() == Policy.ADAPTIVE ? shadowEvery(decision) : 0;
    int batchLimit = controller.stats().measured(decision.level()) ? Integer.MAX_VALUE : 1;
    return new BatchPlan(decision, lastSignals, shadowEvery, qualityOf(decision.level()), batchLimit);
  }

  /**
   * What a batch planned by {@link #planBatch} cost.
   *
   * @param processed frames segmented in it (0: all skipped, nothing learned of the level)
   * @param serviceMsPerFrame wall time of each of them, decode included, shadow runs not
   * @param decodeMsPerFrame decode time per frame, skipped frames included
   */
  public void observeBatch(int level, int processed, double serviceMsPerFrame, double decodeMsPerFrame,
      java.util.List<Double> shadowIous) {
    LevelStats stats = controller.stats();
    if (processed > 0) {
      stats.observeService(level, serviceMsPerFrame);
    }
    stats.observeDecode(decodeMsPerFrame);
    shadowIous.forEach(iou -> stats.observeQuality(level, iou));
  }

  /** A whole chunk as one batch: {@link #chunkArrived} then {@link #planBatch}'s decision. */
  public Decision decide(long nowMs, long captureTimeMs, long completedAtMs, int frames, long backlogRecords,
      double processingShare) {
    chunkArrived(nowMs, captureTimeMs, completedAtMs, frames, backlogRecords, processingShare);
    return planBatch(nowMs, frames).decision();
  }

  /**
   * Every how many processed frames one also runs at the top level, 0 for none. Quality is worth
   * measuring only when it costs nothing that matters: at most {@link #SHADOW_BUDGET} of the
   * thread's time (a level at a tenth of the top level's cost shadows far less often than one at
   * half), never while lag grows, only at stride 1 (skipping frames means there is no time to
   * spare), and only when the level keeps its headroom with their cost added.
   */
  int shadowEvery(Decision decision) {
    if (lagRising || decision.level() == 0 || decision.stride() > 1 || config.shadowEvery() <= 0) {
      return 0;
    }
    LevelStats stats = controller.stats();
    double ratio = stats.serviceMs(0) / stats.serviceMs(decision.level());
    if (!(ratio > 0)) {
      return 0; // a cost not measured yet
    }
    int every = Math.max(config.shadowEvery(), (int) Math.ceil(ratio / SHADOW_BUDGET));
    double msPerFrame = stats.serviceMs(decision.level()) + stats.serviceMs(0) / every;
    double capacityWithShadows = share() * 1000.0 / msPerFrame;
    boolean fits = capacityWithShadows >= (1 + config.stepUpHeadroom()) * Math.max(decision.requiredFps(), lastSignals.arrivalFps());
    return fits ? every : 0;
  }

  /**
   * Milliseconds of work a second this camera would ask for at the top level (0 while unknown): its
   * weight among the cameras of its thread (see {@link ActiveCameras}).
   */
  public double demandMsPerSecond() {
    double demand = arrivals.rate() * controller.stats().serviceMs(0);
    return demand > 0 ? demand : 0;
  }

  /** Share of a thread's time that shadow runs may take. */
  static final double SHADOW_BUDGET = 0.05;

  private double share() {
    return share > 0 ? share : 1.0;
  }

  /** Quality estimate of a level: measured IoU against the top level, or 1 where unmeasured. */
  public double qualityOf(int level) {
    double q = controller.stats().quality(level);
    return Double.isNaN(q) ? 1.0 : q;
  }
}
