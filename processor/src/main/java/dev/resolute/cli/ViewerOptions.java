package dev.resolute.cli;

import dev.resolute.web.LiveViewer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import picocli.CommandLine.Option;

/** {@code --viewer-port} and {@code --no-viewer}: the live viewer's page, for the commands that can serve it. */
public final class ViewerOptions {
  /** Beside the metrics ports (9464 run, 9465 ingest). */
  static final int VIEW_PORT = 9466;

  @Option(names = "--viewer-port", paramLabel = "PORT",
      description = "Serve the live viewer (latest frame with its mask, level, stride, lag and latency per camera) at "
          + "http://HOST:PORT/; 0 takes any free port, printed at start (default: any free port for demo, 9466 for view, "
          + "none for run).")
  Integer port;

  @Option(names = "--no-viewer", description = "Serve no live viewer.")
  boolean off;

  /** The viewer on the given port or {@code defaultPort}, or null when off (or when {@code defaultPort} is null and no port was given). */
  LiveViewer start(Integer defaultPort, PrintStream console) {
    Integer chosen = port != null ? port : defaultPort;
    if (off || chosen == null) {
      return null;
    }
    if (chosen < 0 || chosen > 65535) {
      throw new UserError("--viewer-port must be 0..65535, got " + chosen);
    }
    try {
      LiveViewer viewer = LiveViewer.serve(chosen);
      console.println("viewer at http://localhost:" + viewer.port() + "/");
      return viewer;
    } catch (BindException inUse) {
      throw new UserError("--viewer-port " + chosen + ": " + inUse.getMessage() + "; give another port, 0 for any free one, or --no-viewer");
    } catch (IOException e) {
      throw new UserError("cannot serve the viewer on port " + chosen + ": " + e.getMessage());
    }
  }
}
