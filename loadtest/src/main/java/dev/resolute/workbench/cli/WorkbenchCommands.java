package dev.resolute.workbench.cli;

import dev.resolute.cli.CommandProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds the workbench's tools to {@code resolute}, after the product's commands. */
public final class WorkbenchCommands implements CommandProvider {
  @Override
  public Map<String, Object> commands() {
    Map<String, Object> commands = new LinkedHashMap<>();
    commands.put("demo", new DemoCommand());
    commands.put("broker", new BrokerCommand());
    commands.put("corpus", new CorpusCommand());
    commands.put("simulate", new SimulateCommand());
    commands.put("bench", new BenchCommand());
    commands.put("profile", new ProfileCommand());
    commands.put("chaos", new ChaosCommand());
    commands.put("record", new RecordCommand());
    commands.put("replay", new ReplayCommand());
    commands.put("loadtest", new LoadtestCommand());
    return commands;
  }
}
