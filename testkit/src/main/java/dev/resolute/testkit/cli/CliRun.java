package dev.resolute.testkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs {@code resolute} in-process with its output captured, for command tests. testkit cannot
 * depend on the processor, so it finds {@code ResoluteCli.commandLine()} by name: the commands are
 * those on the test's class path (the product's, and the workbench's where it is there).
 */
public final class CliRun {
  public final StringWriter out = new StringWriter();
  public final StringWriter err = new StringWriter();

  public int execute(String... args) {
    CommandLine cli = commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }

  private static CommandLine commandLine() {
    try {
      return (CommandLine) Class.forName("dev.resolute.cli.ResoluteCli").getMethod("commandLine").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no dev.resolute.cli.ResoluteCli.commandLine() on the class path", e);
    }
  }
}
