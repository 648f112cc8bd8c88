package dev.resolute.cli;

import dev.resolute.web.LiveViewer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --viewer-port}, {@code --viewer-bind}, {@code --viewer-host}, {@code --viewer-token-file}
 * and {@code --no-viewer}: the live viewer's page, for the commands that can serve it. The page
 * shows camera pictures, so it is served on loopback unless asked, and beyond loopback only with a
 * token. The token is never an option's value (a command line is visible to every user of the host):
 * it comes from a file, from {@value #TOKEN_ENV}, or is made here and printed once.
 */
public final class ViewerOptions {
  /** Beside the metrics ports (9464 run, 9465 ingest). */
  static final int VIEW_PORT = 9466;
  static final String TOKEN_ENV = "RESOLUTE_VIEWER_TOKEN";
  /** URL- and cookie-safe, and long enough not to be guessed. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,256}");

  @Option(names = "--viewer-port", paramLabel = "PORT",
      description = "Serve the live viewer (latest frame with its mask, level, stride, lag and latency per camera) at "
          + "http://HOST:PORT/; 0 takes any free port, printed at start (default: any free port for demo, 9466 for view, "
          + "none for run).")
  Integer port;

  @Option(names = "--viewer-bind", paramLabel = "ADDRESS",
      description = "The address the viewer listens on: 'loopback' (the default: this host only), an address of this host, "
          + "or 0.0.0.0 for every interface. Beyond loopback the page needs a token: from --viewer-token-file or "
          + TOKEN_ENV + ", else a new one printed once with the address. See docs/viewer-security.md.")
  String bind;

  @Option(names = "--viewer-host", paramLabel = "NAME",
      description = "A host name the page may be opened by, beyond the bound address (its DNS name, a reverse proxy's); "
          + "other Host headers are refused (DNS rebinding). Repeatable.")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--viewer-token-file", paramLabel = "FILE",
      description = "Read the viewer's token from the first line of FILE (16 to 256 of A-Z a-z 0-9 . _ ~ -); required with it "
          + "even on loopback. Or set " + TOKEN_ENV + ".")
  Path tokenFile;

  @Option(names = "--no-viewer", description = "Serve no live viewer.")
  boolean off;

  /** Where the token comes from: the process's environment, or a test's. */
  Map<String, String> environment = System.getenv();

  /** The viewer on the given port or {@code defaultPort}, or null when off (or when {@code defaultPort} is null and no port was given). */
  public LiveViewer start(Integer defaultPort, PrintStream console) {
    Integer chosen = port != null ? port : defaultPort;
    if (off || chosen == null) {
      return null;
    }
    if (chosen < 0 || chosen > 65535) {
      throw new UserError("--viewer-port must be 0..65535, got " + chosen);
    }
    InetAddress address = BindAddress.parse("--viewer-bind", bind);
    String given = givenToken();
    boolean generated = given == null && !address.isLoopbackAddress();
    String token = generated ? LiveViewer.newToken() : given;
    try {
      LiveViewer viewer = LiveViewer.serve(new InetSocketAddress(address, chosen), token, hosts);
      String url = "http://" + BindAddress.urlHost(viewer.address().getAddress()) + ":" + viewer.port() + "/";
      // the console only, never a logger: the one place the generated token is shown
      if (generated) {
        console.println("viewer at " + url + "?" + "token=" + token + " (open this once; keep the token secret)");
      } else if (token != null) {
        console.println("viewer at " + url + " (open " + url + "?token=<your token> once)");
      } else {
        console.println("viewer at " + url);
      }
      return viewer;
    } catch (BindException inUse) {
      throw new UserError("--viewer-port " + chosen + " on " + address.getHostAddress() + ": " + inUse.getMessage()
          + "; give another port, 0 for any free one, or --no-viewer");
    } catch (IOException e) {
      throw new UserError("cannot serve the viewer on " + address.getHostAddress() + " port " + chosen + ": " + e.getMessage());
    }
  }

  /** The token from --viewer-token-file, else from the environment; null when neither gives one. */
  private String givenToken() {
    if (tokenFile != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(tokenFile);
      } catch (IOException e) {
        throw new UserError("--viewer-token-file " + tokenFile + ": cannot read it: " + e.getMessage());
      }
      return checked("--viewer-token-file " + tokenFile, lines.isEmpty() ? "" : lines.get(0).strip());
    }
    String env = environment.get(TOKEN_ENV);
    return env == null ? null : checked(TOKEN_ENV, env.strip());
  }

  private static String checked(String source, String token) {
    if (!TOKEN.matcher(token).matches()) {
      // never the token itself in the message: it may be most of a real one
      throw new UserError(source + ": the viewer token must be 16 to 256 of A-Z a-z 0-9 . _ ~ - (got " + token.length()
          + " characters)");
    }
    return token;
  }
}
