package dev.resolute.cli;

import dev.resolute.config.RedactingLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code resolute}: the command-line entry point. */
@Command(
    name = "resolute",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming video segmentation on Kafka, at a resolution chosen from the queue lag.",
    subcommands = {DemoCommand.class, BrokerCommand.class, RunCommand.class, IngestCommand.class, ProbeCommand.class, CorpusCommand.class,
        ModelCommand.class, SimulateCommand.class, BenchCommand.class, ProfileCommand.class, ChaosCommand.class, ViewCommand.class, RedriveCommand.class,
        CommandLine.HelpCommand.class})
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
    ErrorReporter errors = new ErrorReporter();
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    return cli;
  }
}
