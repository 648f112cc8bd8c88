package dev.resolute.control.sim;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Decision;
import dev.resolute.control.LevelStats;
import dev.resolute.control.RateEstimator;
import dev.resolute.control.ResolutionController;
import dev.resolute.control.Signals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Runs the real {@link ResolutionController} against a queue of chunks on a virtual clock: no
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
    ResolutionController controller = new ResolutionController(config, new LevelStats(warmUp, config.serviceAlpha()), 0);
    RateEstimator arrivalRate = new RateEstimator(config.ewmaTime().toMillis() / 1000.0);

    Deque<Double> queue = new ArrayDeque<>(); // arrival (= capture) time of each queued chunk
    double nextArrival = framesPerChunk / arrivals.fpsAt(0);
    double now = 0;
    double lastDecision = 0;
    int arrivedSinceDecision = 0;
    long frameIndex = 0;
    long processedFrames = 0;
    List<SimulationResult.ChunkTrace> trace = new ArrayList<>();
    while (now < durationSeconds) {
      if (queue.isEmpty() && nextArrival > now) {
        now = nextArrival;
      }
      while (nextArrival <= now) {
        queue.add(nextArrival);
        arrivedSinceDecision += framesPerChunk;
        nextArrival += framesPerChunk / arrivals.fpsAt(nextArrival);
      }
      double captured = queue.poll();
      arrivalRate.update(arrivedSinceDecision, now - lastDecision);
      arrivedSinceDecision = 0;
      lastDecision = now;
      Signals signals = new Signals(Math.round(now * 1000), now - captured, queue.size(),
          (double) queue.size() * framesPerChunk, arrivalRate.rate(), 1.0);
      Decision decision = controller.decide(signals);

      double busyMs = 0;
      int skipped = 0;
      int level = decision.level();
      for (int f = 0; f < framesPerChunk; f++, frameIndex++) {
        if (!decision.processes(frameIndex)) {
          skipped++;
          continue;
        }
        double ms = jittered(profile.serviceMs()[level], random);
        controller.stats().observeService(level, ms);
        busyMs += ms;
        processedFrames++;
        boolean headroom = controller.capacity(level, decision.stride(), 1.0) >= (1 + config.stepUpHeadroom()) * arrivalRate.rate();
        if (level > 0 && decision.stride() == 1 && config.shadowEvery() > 0 && headroom && processedFrames % config.shadowEvery() == 0) {
          busyMs += jittered(profile.serviceMs()[0], random);
          controller.stats().observeQuality(level, profile.quality()[level] + (random.nextDouble() - 0.5) * 0.02);
        }
      }
      trace.add(new SimulationResult.ChunkTrace(now, now - captured, level, decision.stride(), decision.changed(),
          decision.desiredReplicas(), skipped));
      now += busyMs / 1000.0;
    }
    return new SimulationResult(trace);
  }

  private double jittered(double ms, Random random) {
    return ms * (1 + profile.jitter() * (2 * random.nextDouble() - 1));
  }
}
