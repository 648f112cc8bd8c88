package dev.resolute.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code resolute} in-process with its output captured, for command tests. */
final class CliRun {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int execute(String... args) {
    CommandLine cli = ResoluteCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }
}
