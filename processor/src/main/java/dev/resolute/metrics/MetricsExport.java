package dev.resolute.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.OptionalInt;

/** The process's registry and, unless metrics are off, the endpoint that serves it. */
public final class MetricsExport implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final MetricsEndpoint endpoint;

  private MetricsExport(PrometheusMeterRegistry registry, MetricsEndpoint endpoint) {
    this.registry = registry;
    this.endpoint = endpoint;
  }

  /** Serves {@code /metrics} on {@code port}; 0 takes any free port. */
  public static MetricsExport serve(int port) throws IOException {
    PrometheusMeterRegistry registry = ProcessRegistry.create();
    try {
      return new MetricsExport(registry, MetricsEndpoint.start(registry, port));
    } catch (IOException e) {
      registry.close();
      throw e;
    }
  }

  /** Meters are still kept, so that code which records them needs no second path; nobody reads them. */
  public static MetricsExport off() {
    return new MetricsExport(ProcessRegistry.create(), null);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public OptionalInt port() {
    return endpoint == null ? OptionalInt.empty() : OptionalInt.of(endpoint.port());
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    registry.close();
  }
}
