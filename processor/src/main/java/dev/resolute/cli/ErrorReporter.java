package dev.resolute.cli;

import dev.resolute.config.ConfigException;
import dev.resolute.config.Secrets;
import dev.resolute.inference.DeviceUnavailableException;
import dev.resolute.ingest.IngestException;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.graph.GraphException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one clear line on stderr instead of a stack trace: the user's mistakes exit 2,
 * anything else exits 1 (with the trace only under {@code RESOLUTE_DEBUG=1}).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean usersMistake = e instanceof UserError || e instanceof IngestException
        || e instanceof ModelLoadException || e instanceof GraphException || e instanceof ConfigException
        || e instanceof DeviceUnavailableException;
    cli.getErr().println("error: " + Secrets.redact(e.getMessage()));
    if (System.getenv("RESOLUTE_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return usersMistake ? ExitCodes.USAGE : ExitCodes.FAILED;
  }

  /**
   * picocli's own handler, but redacted: its message repeats the value it could not parse (a
   * {@code --camera} URL with its password, say).
   */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println(cli.getColorScheme().errorText(Secrets.redact(e.getMessage())));
    if (!UnmatchedArgumentException.printSuggestions(e, err)) {
      cli.usage(err, cli.getColorScheme());
    }
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }
}
