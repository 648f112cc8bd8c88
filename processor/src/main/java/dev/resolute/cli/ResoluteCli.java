package dev.resolute.cli;

import dev.resolute.config.RedactingLines;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code resolute}: the command-line entry point. This module's jar is the product alone (run,
 * ingest, probe, view, model, redrive); the workbench's jar adds its tools through {@link CommandProvider}.
 */
@Command(
    name = "resolute",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming video segmentation on Kafka, at a resolution chosen from the queue lag.",
    subcommands = {RunCommand.class, IngestCommand.class, ProbeCommand.class, ViewCommand.class, ModelCommand.class, RedriveCommand.class})
public final class ResoluteCli {

  public static void main(String[] args) {
    // before anything logs: the simple logger writes to whatever System.err is at each line
    System.setErr(RedactingLines.around(System.err));
    System.exit(commandLine().execute(args));
  }

  /** The whole command line, with every command other modules add and the error handling of {@link #main}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ResoluteCli());
    java.util.ServiceLoader.load(CommandProvider.class).forEach(p -> p.commands().forEach(cli::addSubcommand));
    // picocli lists commands in the order they were added: help after the workbench's, not among the product's
    cli.addSubcommand(new CommandLine.HelpCommand());
    ErrorReporter errors = new ErrorReporter();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    return cli;
  }
}
