package dev.resolute.workbench.simulate;

import dev.resolute.control.ActiveCameras;
import dev.resolute.control.BatchPlan;
import dev.resolute.control.CameraControl;
import dev.resolute.control.ControlConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Cameras spread over stream threads, each camera with the processor's own control loop
 * ({@link CameraControl}), driven the way the processor drives it, on a virtual clock: no Kafka, no
 * model, no sleeps, the same answer for the same seed.
 *
 * <p>Camera {@code c} runs on thread {@code c % threads}, as Kafka Streams spreads one partition a
 * camera over its threads; each thread takes the chunk whose last frame is oldest among its
 * cameras, as Kafka Streams picks the record with the lowest timestamp. A chunk is processed batch
 * by batch: before each batch the loop plans level, stride and shadow runs on the lag and backlog
 * of that moment, after it observes what the batch cost. A processed frame costs its level's
 * service time (with jitter), a skipped one its decode, a shadow frame one more top-level run.
 * Shares of a thread come from {@link ActiveCameras}, as in the processor.
 */
public final class FleetSimulator {
  /**
   * @param cameras cameras, all with the same frame size and arrival pattern
   * @param threads stream threads
   * @param framesPerChunk frames a chunk carries
   * @param maxBatch frames of one inference batch
   * @param warmUpSeconds when the background warm-up delivers the cost table (0: known from the
   *     start, from a cache or a stored profile); until then every camera starts unmeasured
   * @param tableError the starting table's costs over the true ones (1: right; 0.5: a cache measured
   *     on a quieter machine, every level really twice as slow)
   * @param stagger how far apart the cameras' chunks close, as a fraction of a chunk spread over all
   *     cameras (1: evenly spread; 0: every camera's chunk closes on the same instant, as cameras
   *     started together from one clip do, so each chunk waits behind the others' on its thread)
   * @param deliverySeconds from a chunk's last frame to the processor holding it decoded (encoding,
   *     publishing, the transaction's commit, decoding): lag the controller sees before any batch
   */
  public record Setup(int cameras, int threads, int framesPerChunk, int maxBatch, double warmUpSeconds, double tableError,
      double stagger, double deliverySeconds) {
    public Setup {
      if (cameras < 1 || threads < 1 || framesPerChunk < 1 || maxBatch < 1 || !(warmUpSeconds >= 0) || !(tableError > 0)
          || !(stagger >= 0 && stagger <= 1) || !(deliverySeconds >= 0)) {
        throw new IllegalArgumentException("need cameras, threads, frames per chunk and batch >= 1, warm-up >= 0,"
            + " table error > 0, stagger in 0..1, delivery >= 0");
      }
    }

    public Setup(int cameras, int threads, int framesPerChunk, int maxBatch, double warmUpSeconds, double tableError) {
      this(cameras, threads, framesPerChunk, maxBatch, warmUpSeconds, tableError, 1, 0);
    }

    /** The same, with every camera's chunks closing together. */
    public Setup aligned() {
      return new Setup(cameras, threads, framesPerChunk, maxBatch, warmUpSeconds, tableError, 0, deliverySeconds);
    }

    /** The same, each chunk reaching the processor {@code seconds} after its last frame. */
    public Setup delivered(double seconds) {
      return new Setup(cameras, threads, framesPerChunk, maxBatch, warmUpSeconds, tableError, stagger, seconds);
    }

    /** A starting table that is right. */
    public Setup(int cameras, int threads, int framesPerChunk, int maxBatch, double warmUpSeconds) {
      this(cameras, threads, framesPerChunk, maxBatch, warmUpSeconds, 1);
    }

    /** One camera on one thread, costs known, a whole chunk a batch (the controller's old granularity). */
    public static Setup single(int framesPerChunk) {
      return new Setup(1, 1, framesPerChunk, framesPerChunk, 0);
    }
  }

  private final ControlConfig config;
  private final CostProfile profile;
  private final Setup setup;
  private final long seed;

  public FleetSimulator(ControlConfig config, CostProfile profile, Setup setup, long seed) {
    this.config = config;
    this.profile = profile;
    this.setup = setup;
    this.seed = seed;
  }

  /** One trace per camera, each camera arriving at the pattern's frame rate. */
  public List<SimulationResult> run(ArrivalPattern arrivals, double durationSeconds) {
    Random random = new Random(seed);
    int levels = profile.serviceMs().length;
    // one table per frame size, as the processor's warm-up cache keeps it: every camera gets the same
    double[] table = jittered(profile.serviceMs(), random);
    for (int l = 0; l < levels; l++) {
      table[l] *= setup.tableError();
    }
    ActiveCameras active = new ActiveCameras();
    List<Camera> cameras = new ArrayList<>();
    for (int c = 0; c < setup.cameras(); c++) {
      CameraControl control = setup.warmUpSeconds() > 0
          ? CameraControl.unmeasured("cam-" + c, config, levels, 0)
          : new CameraControl("cam-" + c, config, table, 0);
      double firstFps = arrivals.fpsAt(0);
      // staggered like independent cameras: their chunks do not all close on the same millisecond
      double offset = setup.stagger() * c / setup.cameras();
      cameras.add(new Camera(control, c % setup.threads(),
          setup.framesPerChunk() / firstFps * (1 + offset) + setup.deliverySeconds()));
    }
    double[] freeAt = new double[setup.threads()];
    Object[] threadKeys = new Object[setup.threads()];
    for (int t = 0; t < threadKeys.length; t++) {
      threadKeys[t] = "thread-" + t;
    }
    for (Camera cam : cameras) {
      // each camera is a task of its own, given to its thread at start as Kafka Streams gives tasks
      active.expect(cam.control.cameraId(), threadKeys[cam.thread], 0);
    }
    while (true) {
      int t = 0;
      for (int i = 1; i < freeAt.length; i++) {
        t = freeAt[i] < freeAt[t] ? i : t;
      }
      double now = freeAt[t];
      if (now >= durationSeconds) {
        break;
      }
      Camera next = null;
      for (Camera cam : cameras) {
        cam.enqueueUntil(now, arrivals);
        if (cam.thread == t && !cam.queue.isEmpty() && (next == null || cam.queue.peek()[1] < next.queue.peek()[1])) {
          next = cam;
        }
      }
      if (next == null) {
        final int thread = t;
        freeAt[t] = cameras.stream().filter(c -> c.thread == thread).mapToDouble(c -> c.nextArrival).min().orElse(durationSeconds);
        continue;
      }
      if (setup.warmUpSeconds() > 0 && now >= setup.warmUpSeconds() && next.control.awaitingCosts()) {
        next.control.adoptCosts(table);
      }
      freeAt[t] = next.process(now, active, threadKeys[t], arrivals, random);
    }
    return cameras.stream().map(c -> new SimulationResult(c.trace)).toList();
  }

  private double[] jittered(double[] ms, Random random) {
    double[] out = new double[ms.length];
    for (int l = 0; l < ms.length; l++) {
      out[l] = jittered(ms[l], random);
    }
    return out;
  }

  private double jittered(double ms, Random random) {
    return ms * (1 + profile.jitter() * (2 * random.nextDouble() - 1));
  }

  private final class Camera {
    final CameraControl control;
    final int thread;
    final Deque<double[]> queue = new ArrayDeque<>(); // {first frame's capture, last frame's capture} per chunk
    final List<SimulationResult.ChunkTrace> trace = new ArrayList<>();
    double nextArrival; // when the next chunk reaches the processor, its delivery included
    long frameIndex;
    long processedFrames;

    Camera(CameraControl control, int thread, double firstArrival) {
      this.control = control;
      this.thread = thread;
      this.nextArrival = firstArrival;
    }

    void enqueueUntil(double now, ArrivalPattern arrivals) {
      while (nextArrival <= now) {
        double fps = arrivals.fpsAt(nextArrival);
        double completed = nextArrival - setup.deliverySeconds();
        queue.add(new double[] {completed - (setup.framesPerChunk() - 1) / fps, completed});
        nextArrival += setup.framesPerChunk() / fps;
      }
    }

    /** Processes the oldest queued chunk batch by batch; returns when the thread is free again. */
    double process(double start, ActiveCameras active, Object threadKey, ArrivalPattern arrivals, Random random) {
      double[] chunk = queue.poll();
      int frames = setup.framesPerChunk();
      double share = active.shareFor(control.cameraId(), control.cameraId(), threadKey, ms(start), control.demandMsPerSecond());
      control.chunkArrived(ms(start), ms(chunk[0]), ms(chunk[1]), frames, queue.size(), share);
      double now = start;
      double maxLag = 0;
      double firstMasks = Double.NaN;
      int changes = 0;
      int levelChanges = 0;
      int skipped = 0;
      int replicas = 1;
      BatchPlan plan = null;
      for (int done = 0; done < frames; ) {
        enqueueUntil(now, arrivals);
        plan = control.planBatch(ms(now), frames - done);
        maxLag = Math.max(maxLag, plan.signals().lagSeconds());
        changes += plan.decision().changed() ? 1 : 0;
        levelChanges += plan.decision().level() != plan.decision().fromLevel() ? 1 : 0;
        replicas = Math.max(replicas, plan.decision().desiredReplicas());
        int level = plan.level();
        double segmentedMs = 0;
        double busyMs = 0;
        int processed = 0;
        int limit = Math.max(1, Math.min(setup.maxBatch(), plan.batchLimit()));
        for (; done < frames && processed < limit; done++, frameIndex++) {
          if (!plan.decision().processes(frameIndex)) {
            skipped++;
            busyMs += profile.decodeMs();
            continue;
          }
          segmentedMs += jittered(profile.serviceMs()[level], random);
          processed++;
          processedFrames++;
        }
        List<Double> ious = new ArrayList<>();
        if (plan.shadowEvery() > 0) {
          for (long p = processedFrames - processed; p < processedFrames; p++) {
            if (p % plan.shadowEvery() == 0) {
              busyMs += jittered(profile.serviceMs()[0], random);
              ious.add(profile.quality()[level] + (random.nextDouble() - 0.5) * 0.02);
            }
          }
        }
        control.observeBatch(level, processed, processed == 0 ? 0 : segmentedMs / processed, profile.decodeMs(), ious);
        now += (busyMs + segmentedMs) / 1000.0;
        if (processed > 0 && Double.isNaN(firstMasks)) {
          firstMasks = now;
        }
      }
      trace.add(new SimulationResult.ChunkTrace(start, maxLag, plan.level(), plan.stride(), changes, levelChanges, replicas,
          skipped, Double.isNaN(firstMasks) ? now : firstMasks, now, chunk[1]));
      return now;
    }
  }

  private static long ms(double seconds) {
    return Math.round(seconds * 1000);
  }
}
