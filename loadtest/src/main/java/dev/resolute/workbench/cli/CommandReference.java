package dev.resolute.workbench.cli;

import dev.resolute.cli.ResoluteCli;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * docs/cli.md, made from picocli's own help of every command (the load-test module sees them all),
 * so that the reference cannot drift from the options: {@code CommandReferenceTest} fails when the
 * file is stale, and running this class writes it again.
 */
public final class CommandReference {
  /** Wide enough for the longest option lines to stay on one line, and fixed, so that the file does not follow the terminal. */
  private static final int WIDTH = 120;

  private CommandReference() {}

  public static String markdown() {
    CommandLine root = ResoluteCli.commandLine();
    StringBuilder md = new StringBuilder("""
        # Command reference

        Every `./resolute` command with its options, as `./resolute COMMAND --help` prints them. This file is
        made from the code; a test fails when it is stale, and
        `mvn -B -pl loadtest -am test -Dtest=CommandReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dresolute.regenerate=true`
        writes it again.
        Exit codes: 0 done, 1 failed, 2 bad usage (an option, a file, a cluster that does not answer), 3 a run that
        segmented nothing or dead-lettered some of its input.

        """);
    append(md, root, "resolute");
    return md.toString();
  }

  private static void append(StringBuilder md, CommandLine command, String path) {
    command.setUsageHelpWidth(WIDTH);
    md.append("## `").append(path).append("`\n\n```\n")
        .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
    command.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help") && sub.getCommandName().equals(name)) {
        append(md, sub, path + " " + name);
      }
    });
  }

  /** Writes the reference to the file given (docs/cli.md). */
  public static void main(String[] args) throws Exception {
    Files.writeString(Path.of(args[0]), markdown());
  }
}
