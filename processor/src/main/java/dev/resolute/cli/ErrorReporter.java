package dev.resolute.cli;

import dev.resolute.config.ConfigException;
import dev.resolute.config.Secrets;
import dev.resolute.inference.DeviceUnavailableException;
import dev.resolute.ingest.IngestException;
import dev.resolute.model.ModelLoadException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr instead of a stack trace: the user's mistakes exit 2,
 * anything else exits 1 (with the trace only under {@code RESOLUTE_DEBUG=1}).
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean usersMistake = e instanceof UserError || e instanceof IngestException
        || e instanceof ModelLoadException || e instanceof ConfigException || e instanceof DeviceUnavailableException;
    cli.getErr().println("error: " + Secrets.redact(e.getMessage()));
    if (System.getenv("RESOLUTE_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return usersMistake ? ExitCodes.USAGE : ExitCodes.FAILED;
  }
}
