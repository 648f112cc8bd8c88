package dev.resolute.control.sim;

import dev.resolute.control.CameraControl;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Decision;
import dev.resolute.control.LevelStats;
import dev.resolute.control.Policy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Several cameras whose partitions one stream thread owns, each with its own {@link CameraControl}
 * and a share of 1 / cameras, on a virtual clock. The thread takes the oldest waiting chunk first,
 * as Kafka Streams picks the record with the lowest timestamp across its partitions.
 *
 * <p>With {@code costsAfterSeconds} > 0 the cameras start with no cost table (a cold start with no
 * cache): the table, measured by the background warm-up, reaches them at that virtual time.
 */
public final class SharedThreadSimulator {
  private final ControlConfig config;
  private final CostProfile profile;
  private final int framesPerChunk;
  private final long seed;

  public SharedThreadSimulator(ControlConfig config, CostProfile profile, int framesPerChunk, long seed) {
    this.config = config;
    this.profile = profile;
    this.framesPerChunk = framesPerChunk;
    this.seed = seed;
  }

  /** One trace per camera, all cameras arriving at {@code fps} each. */
  public List<SimulationResult> run(int cameras, double fps, double durationSeconds, double costsAfterSeconds) {
    Random random = new Random(seed);
    List<Camera> all = new ArrayList<>();
    for (int c = 0; c < cameras; c++) {
      CameraControl control = costsAfterSeconds > 0
          ? CameraControl.unmeasured("cam-" + c, config, profile.serviceMs().length, 0)
          : new CameraControl("cam-" + c, config, jittered(profile.serviceMs(), random), 0);
      // staggered like real cameras: their chunks do not all close on the same millisecond
      all.add(new Camera(control, framesPerChunk / fps * (1 + c / (double) cameras)));
    }
    double share = 1.0 / cameras;
    double now = 0;
    boolean costsDelivered = costsAfterSeconds <= 0;
    while (now < durationSeconds) {
      for (Camera cam : all) {
        while (cam.nextArrival <= now) {
          cam.queue.add(new double[] {cam.nextArrival - (framesPerChunk - 1) / fps, cam.nextArrival});
          cam.nextArrival += framesPerChunk / fps;
        }
      }
      Camera next = null;
      for (Camera cam : all) {
        if (!cam.queue.isEmpty() && (next == null || cam.queue.peek()[1] < next.queue.peek()[1])) {
          next = cam;
        }
      }
      if (next == null) {
        now = all.stream().mapToDouble(c -> c.nextArrival).min().orElseThrow();
        continue;
      }
      if (!costsDelivered && now >= costsAfterSeconds) {
        costsDelivered = true;
        double[] table = jittered(profile.serviceMs(), random);
        all.forEach(c -> c.control.adoptCosts(table));
      }
      now += next.process(now, share, random) / 1000.0;
    }
    return all.stream().map(c -> new SimulationResult(c.trace)).toList();
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
    final Deque<double[]> queue = new ArrayDeque<>();
    final List<SimulationResult.ChunkTrace> trace = new ArrayList<>();
    double nextArrival;
    long frameIndex;
    long processedFrames;

    Camera(CameraControl control, double firstArrival) {
      this.control = control;
      this.nextArrival = firstArrival;
    }

    /** Processes the oldest queued chunk; returns the thread's busy milliseconds. */
    double process(double now, double share, Random random) {
      double[] chunk = queue.poll();
      Decision decision = control.decide(Math.round(now * 1000), Math.round(chunk[0] * 1000), Math.round(chunk[1] * 1000),
          framesPerChunk, queue.size(), share);
      boolean shadowing = config.policy() == Policy.ADAPTIVE
          && control.canShadow(decision, config.stepUpHeadroom(), config.shadowEvery());
      LevelStats stats = control.controller().stats();
      double busyMs = 0;
      double segmentedMs = 0;
      int processed = 0;
      int skipped = 0;
      for (int f = 0; f < framesPerChunk; f++, frameIndex++) {
        if (!decision.processes(frameIndex)) {
          skipped++;
          continue;
        }
        double ms = jittered(profile.serviceMs()[decision.level()], random);
        segmentedMs += ms;
        processed++;
        processedFrames++;
        if (shadowing && processedFrames % config.shadowEvery() == 0) {
          busyMs += jittered(profile.serviceMs()[0], random);
          stats.observeQuality(decision.level(), profile.quality()[decision.level()] + (random.nextDouble() - 0.5) * 0.02);
        }
      }
      if (processed > 0) {
        stats.observeService(decision.level(), segmentedMs / processed); // per chunk, as the processor measures
      }
      busyMs += segmentedMs;
      trace.add(new SimulationResult.ChunkTrace(now, now - chunk[1], decision.level(), decision.stride(), decision.changed(),
          decision.desiredReplicas(), skipped, now + busyMs / 1000.0));
      return busyMs;
    }
  }
}
