package dev.resolute.cli;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.control.sim.ArrivalPattern;
import dev.resolute.control.sim.ControlSimulator;
import dev.resolute.control.sim.CostProfile;
import dev.resolute.control.sim.SimulationResult;
import dev.resolute.control.sim.SimulationResult.ChunkTrace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Runs the resolution controller against simulated load on a virtual clock (no Kafka, no model) and prints lag, level changes and skipped frames for the fixed and adaptive policies side by side: for tuning the control thresholds.")
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--load", defaultValue = "2.0", description = "Arrival rate as a multiple of the full level's capacity (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--burst", paramLabel = "SECONDS", defaultValue = "0",
      description = "Instead of steady load: 30 s at half the capacity, SECONDS at --load, then half again (default: steady).")
  double burstSeconds;

  @Option(names = "--seconds", defaultValue = "300", description = "Simulated time (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--full-ms", defaultValue = "100", description = "ms per frame at the full level (default: ${DEFAULT-VALUE}).")
  double fullMs;

  @Option(names = "--fixed-ms", defaultValue = "8", description = "ms per frame that do not shrink with resolution: decode, upsample, encode (default: ${DEFAULT-VALUE}).")
  double fixedMs;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Controller setting to try, e.g. --set resolute.control.cool.down.ms=5000; repeatable.")
  java.util.Map<String, String> settings = new java.util.HashMap<>();

  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the service-time jitter (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (!(load > 0) || !(seconds > 30) || !(fullMs > fixedMs) || fixedMs < 0 || burstSeconds < 0) {
      throw new UserError("need --load > 0, --seconds > 30, --full-ms > --fixed-ms >= 0, --burst >= 0");
    }
    double[] ladder = {1.0, 0.75, 0.5, 0.25};
    CostProfile profile = CostProfile.pixelScaled(fullMs, fixedMs, ladder, new double[] {1, 0.97, 0.92, 0.8}, 0.1);
    double capacity = profile.fullLevelCapacityFps();
    ArrivalPattern pattern = burstSeconds > 0
        ? ArrivalPattern.of(30, 0.5 * capacity).then(burstSeconds, load * capacity).then(Double.POSITIVE_INFINITY, 0.5 * capacity)
        : ArrivalPattern.constant(load * capacity);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("full level %.0f ms/frame (%.1f fps); arrivals %s%n", fullMs, capacity,
        burstSeconds > 0 ? String.format("%.1f fps, %.0f s burst of %.1f fps", 0.5 * capacity, burstSeconds, load * capacity)
            : String.format("%.1f fps (%.1fx)", load * capacity, load));
    out.printf("%-9s %10s %10s %10s %12s %9s %9s  %s%n", "policy", "lag p50 s", "lag p99 s", "max lag s", "changes/min",
        "skipped", "replicas", "chunks per level");
    for (Policy policy : Policy.values()) {
      ControlConfig config = ControlConfig.from(settings);
      SimulationResult run = new ControlSimulator(config.withPolicy(policy, config.startLevel()), profile, 10, seed).run(pattern, seconds);
      List<ChunkTrace> chunks = run.chunks();
      Map<Integer, Long> perLevel = new TreeMap<>();
      chunks.forEach(c -> perLevel.merge(c.level(), 1L, Long::sum));
      out.printf("%-9s %10.2f %10.2f %10.2f %12.2f %9d %9d  %s%n", policy.id(), SimulationResult.lagPercentile(chunks, 0.5),
          SimulationResult.lagPercentile(chunks, 0.99), run.maxLagSeconds(), SimulationResult.changes(chunks) / (seconds / 60),
          chunks.stream().mapToInt(ChunkTrace::framesSkipped).sum(),
          chunks.stream().mapToInt(ChunkTrace::desiredReplicas).max().orElse(1), perLevel);
    }
    return 0;
  }
}
