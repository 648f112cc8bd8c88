package dev.resolute.metrics;

import com.sun.net.httpserver.HttpExchange;
import dev.resolute.http.BoundedHttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves a registry's scrape at {@code GET /metrics} in the Prometheus text format. */
public final class MetricsEndpoint implements AutoCloseable {
  static final String PATH = "/metrics";
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Scrapes are rare and small and must not compete with segmentation for cores, but one client
   * that opens a connection and sends half a request must not hold up every other scraper: a few
   * threads, a short queue, and the request read timed out (see {@link BoundedHttpServer}).
   */
  private static final int THREADS = 4;
  private static final int QUEUED = 16;

  private final BoundedHttpServer server;

  private MetricsEndpoint(BoundedHttpServer server) {
    this.server = server;
  }

  /** Listens on {@code address} (port 0: any free one, see {@link #port()}). */
  public static MetricsEndpoint start(PrometheusMeterRegistry registry, InetSocketAddress address) throws IOException {
    BoundedHttpServer server = BoundedHttpServer.bind(address, THREADS, QUEUED, "resolute-metrics-http");
    server.route(PATH, exchange -> serve(registry, exchange)).start();
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.address().getPort();
  }

  /** The address it listens on, as bound (a wildcard when every interface). */
  public InetSocketAddress address() {
    return server.address();
  }

  private static void serve(PrometheusMeterRegistry registry, HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", TEXT_FORMAT);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
