package dev.resolute.workbench.cli;

import dev.resolute.cli.UserError;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.workbench.simulate.ArrivalPattern;
import dev.resolute.workbench.simulate.CostProfile;
import dev.resolute.workbench.simulate.FleetSimulator;
import dev.resolute.workbench.simulate.SimulationResult.ChunkTrace;
import dev.resolute.workbench.simulate.SimulationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Runs the processor's per-camera control loop, batch by batch, against simulated load on a virtual clock (no Kafka, no model) and prints lag, level changes and skipped frames per camera for the fixed and adaptive policies side by side: for tuning the control thresholds.")
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--load", defaultValue = "2.0", description = "Arrivals of all cameras together as a multiple of what the threads segment at the full level (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--burst", paramLabel = "SECONDS", defaultValue = "0",
      description = "Instead of steady load: 30 s at half the capacity, SECONDS at --load, then half again (default: steady).")
  double burstSeconds;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "300", description = "Simulated time (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--full-ms", defaultValue = "100", description = "ms per frame at the full level (default: ${DEFAULT-VALUE}).")
  double fullMs;

  @Option(names = "--fixed-ms", defaultValue = "8", description = "ms per frame that do not shrink with resolution: decode, upsample, encode (default: ${DEFAULT-VALUE}).")
  double fixedMs;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Controller setting to try, e.g. --set resolute.control.cool.down.ms=5000; repeatable.")
  java.util.Map<String, String> settings = new java.util.HashMap<>();

  @Option(names = "--cameras", defaultValue = "1", description = "Cameras of equal size and rate (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--threads", defaultValue = "1", description = "Stream threads; camera c runs on thread c mod threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--frames", defaultValue = "10", description = "Frames per chunk (default: ${DEFAULT-VALUE}).")
  int framesPerChunk;

  @Option(names = "--max-batch", defaultValue = "8", description = "Frames per inference batch, the controller deciding before each (default: ${DEFAULT-VALUE}, as run's).")
  int maxBatch;

  @Option(names = "--cold", description = "No stored costs: cameras start on the cheapest level while a background warm-up measures every level.")
  boolean cold;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the service-time jitter (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (!(load > 0) || !(seconds > 30) || !(fullMs > fixedMs) || fixedMs < 0 || burstSeconds < 0) {
      throw new UserError("need --load > 0, --duration > 30, --full-ms > --fixed-ms >= 0, --burst >= 0");
    }
    if (cameras < 1 || threads < 1 || framesPerChunk < 1 || maxBatch < 1) {
      throw new UserError("need --cameras, --threads, --frames and --max-batch >= 1");
    }
    double[] ladder = {1.0, 0.75, 0.5, 0.25};
    CostProfile profile = CostProfile.pixelScaled(fullMs, fixedMs, ladder, new double[] {1, 0.97, 0.92, 0.8}, 0.1);
    // --load is for the whole fleet: each camera brings its part of what the threads segment at the full level
    double capacity = profile.fullLevelCapacityFps() * Math.min(threads, cameras) / cameras;
    ArrivalPattern pattern = burstSeconds > 0
        ? ArrivalPattern.of(30, 0.5 * capacity).then(burstSeconds, load * capacity).then(Double.POSITIVE_INFINITY, 0.5 * capacity)
        : ArrivalPattern.constant(load * capacity);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("full level %.0f ms/frame (%.1f fps a thread); %d camera(s) on %d thread(s), %d frames a chunk, batches of %d%s; "
            + "arrivals per camera %s%n", fullMs, profile.fullLevelCapacityFps(), cameras, threads, framesPerChunk, maxBatch,
        cold ? String.format(", cold start (warm-up done at %.1f s)", profile.warmUpSeconds()) : "",
        burstSeconds > 0 ? String.format("%.1f fps, %.0f s burst of %.1f fps", 0.5 * capacity, burstSeconds, load * capacity)
            : String.format("%.1f fps (%.1fx)", load * capacity, load));
    out.printf("%-9s %-7s %10s %10s %10s %12s %9s %9s %11s  %s%n", "policy", "camera", "lag p50 s", "lag p99 s", "max lag s",
        "changes/min", "skipped", "replicas", "last", "chunks per level");
    FleetSimulator.Setup setup = new FleetSimulator.Setup(cameras, threads, framesPerChunk, maxBatch, cold ? profile.warmUpSeconds() : 0);
    for (Policy policy : Policy.values()) {
      ControlConfig config = ControlConfig.from(settings);
      List<SimulationResult> runs = new FleetSimulator(config.withPolicy(policy, config.startLevel()), profile, setup, seed)
          .run(pattern, seconds);
      for (int c = 0; c < runs.size(); c++) {
        SimulationResult run = runs.get(c);
        List<ChunkTrace> chunks = run.chunks();
        Map<Integer, Long> perLevel = new TreeMap<>();
        chunks.forEach(t -> perLevel.merge(t.level(), 1L, Long::sum));
        out.printf("%-9s %-7s %10.2f %10.2f %10.2f %12.2f %9d %9d %11s  %s%n", policy.id(), "cam-" + c,
            SimulationResult.lagPercentile(chunks, 0.5), SimulationResult.lagPercentile(chunks, 0.99), run.maxLagSeconds(),
            SimulationResult.changes(chunks) / (seconds / 60), chunks.stream().mapToInt(ChunkTrace::framesSkipped).sum(),
            chunks.stream().mapToInt(ChunkTrace::desiredReplicas).max().orElse(1),
            "level " + run.last().level() + " x" + run.last().stride(), perLevel);
      }
    }
    return 0;
  }
}
