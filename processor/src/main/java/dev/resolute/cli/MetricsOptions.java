package dev.resolute.cli;

import dev.resolute.metrics.MetricsExport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --no-metrics}, for the commands that run for a while. */
public final class MetricsOptions {
  static final int RUN_PORT = 9464;
  /** Not the processor's: ingest and run often share a host. */
  static final int INGEST_PORT = 9465;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics; 0 takes any free port, printed at start "
          + "(default: 9464 for run, 9465 for ingest, any free port for demo).")
  Integer port;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
      description = "The address /metrics listens on: 'loopback' (the default: this host only), an address of this host, "
          + "or 0.0.0.0 for every interface (in a Kubernetes pod, so that Prometheus scrapes the pod's IP).")
  String bind;

  @Option(names = "--no-metrics", description = "Serve no metrics endpoint.")
  boolean off;

  public MetricsExport start(int defaultPort, PrintStream console) {
    if (off) {
      return MetricsExport.off();
    }
    int chosen = port == null ? defaultPort : port;
    if (chosen < 0 || chosen > 65535) {
      throw new UserError("--metrics-port must be 0..65535, got " + chosen);
    }
    InetAddress address = BindAddress.parse("--metrics-bind", bind);
    try {
      MetricsExport export = MetricsExport.serve(new InetSocketAddress(address, chosen));
      console.println("metrics at http://" + BindAddress.urlHost(address) + ":" + export.port().orElseThrow() + "/metrics");
      return export;
    } catch (BindException inUse) {
      throw new UserError("--metrics-port " + chosen + " on " + address.getHostAddress() + ": " + inUse.getMessage()
          + "; give another port, 0 for any free one, or --no-metrics");
    } catch (IOException e) {
      throw new UserError("cannot serve metrics on " + address.getHostAddress() + " port " + chosen + ": " + e.getMessage());
    }
  }
}
