package dev.resolute.cli;

import dev.resolute.control.ControlConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --policy}, {@code --level} and {@code --set resolute.control.*}, shared by demo and run. */
public final class ControlOptions {
  @Option(names = "--policy", paramLabel = "adaptive|fixed",
      description = "adaptive: level and stride follow the lag; fixed: --level throughout (default: resolute.control.policy, adaptive).")
  String policy;

  @Option(names = "--level", paramLabel = "N",
      description = "Ladder level of the fixed policy, and where adaptive starts; 0 = full resolution (default: resolute.control.start.level, 0).")
  Integer level;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Controller setting, e.g. --set resolute.control.high.water.seconds=2 (keys: docs/controller.md); repeatable.")
  Map<String, String> settings = new HashMap<>();

  /** The keys, then the two flags where given. */
  public ControlConfig config() {
    return ControlConfig.from(settings).overriddenBy(policy, level);
  }
}
