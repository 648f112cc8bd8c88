package dev.resolute.loadtest.cli;

import dev.resolute.cli.CommandProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds record, replay and loadtest to {@code resolute}. */
public final class LoadtestCommands implements CommandProvider {
  @Override
  public Map<String, Object> commands() {
    Map<String, Object> commands = new LinkedHashMap<>();
    commands.put("record", new RecordCommand());
    commands.put("replay", new ReplayCommand());
    commands.put("loadtest", new LoadtestCommand());
    return commands;
  }
}
