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
 * Runs the real per-camera control ({@link CameraControl}) against a queue of chunks on a virtual clock: no
 * Kafka, no sleeps, the same answer for the same seed. One processing thread, one camera.
 *
 * <p>Chunks of {@code framesPerChunk} frames arrive at the pattern's frame rate; a chunk's
 * processing takes its processed frames times the level's service time (with jitter), plus a
 * top-level run for each shadow frame, which is also how the controller learns quality.
 */
public final class ControlSimulator {
  private final ControlConfig config;
  private final CostProfile profile;
  private final int framesPerChunk;
  private final long seed;

  public ControlSimulator(ControlConfig config, CostProfile profile, int framesPerChunk, long seed) {
    this.config = config;
    this.profile = profile;
    this.framesPerChunk = framesPerChunk;
    this.seed = seed;
  }

  public SimulationResult run(ArrivalPattern arrivals, double durationSeconds) {
    Random random = new Random(seed);
    double[] warmUp = new double[profile.serviceMs().length];
    for (int l = 0; l < warmUp.length; l++) {
      warmUp[l] = jittered(profile.serviceMs()[l], random);
    }
    // the processor's own per-camera control, fed the way SegmentChunkProcessor feeds it
    CameraControl camera = new CameraControl("simulated", config, warmUp, 0);
    LevelStats stats = camera.controller().stats();

    Deque<double[]> queue = new ArrayDeque<>(); // {first frame's capture, last frame's capture} per chunk
    double nextArrival = framesPerChunk / arrivals.fpsAt(0);
    double now = 0;
    long frameIndex = 0;
    long processedFrames = 0;
    List<SimulationResult.ChunkTrace> trace = new ArrayList<>();
    while (now < durationSeconds) {
      if (queue.isEmpty() && nextArrival > now) {
        now = nextArrival;
      }
      while (nextArrival <= now) {
        double fps = arrivals.fpsAt(nextArrival);
        queue.add(new double[] {nextArrival - (framesPerChunk - 1) / fps, nextArrival});
        nextArrival += framesPerChunk / fps;
      }
      double[] chunk = queue.poll();
      Decision decision = camera.decide(Math.round(now * 1000), Math.round(chunk[0] * 1000), Math.round(chunk[1] * 1000),
          framesPerChunk, queue.size(), 1.0);
      boolean shadowing = config.policy() == Policy.ADAPTIVE
          && camera.canShadow(decision, config.stepUpHeadroom(), config.shadowEvery());

      double busyMs = 0;
      int skipped = 0;
      int level = decision.level();
      for (int f = 0; f < framesPerChunk; f++, frameIndex++) {
        if (!decision.processes(frameIndex)) {
          skipped++;
          continue;
        }
        double ms = jittered(profile.serviceMs()[level], random);
        stats.observeService(level, ms);
        busyMs += ms;
        processedFrames++;
        if (shadowing && processedFrames % config.shadowEvery() == 0) {
          busyMs += jittered(profile.serviceMs()[0], random);
          stats.observeQuality(level, profile.quality()[level] + (random.nextDouble() - 0.5) * 0.02);
        }
      }
      trace.add(new SimulationResult.ChunkTrace(now, now - chunk[1], level, decision.stride(), decision.changed(),
          decision.desiredReplicas(), skipped, now + busyMs / 1000.0));
      now += busyMs / 1000.0;
    }
    return new SimulationResult(trace);
  }

  private double jittered(double ms, Random random) {
    return ms * (1 + profile.jitter() * (2 * random.nextDouble() - 1));
  }
}
