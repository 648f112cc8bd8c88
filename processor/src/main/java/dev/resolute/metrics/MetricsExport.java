package dev.resolute.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;

/** The process's registry and, unless metrics are off, the endpoint that serves it. */
public final class MetricsExport implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final MetricsEndpoint endpoint;

  private MetricsExport(PrometheusMeterRegistry registry, MetricsEndpoint endpoint) {
    this.registry = registry;
    this.endpoint = endpoint;
  }

  /** Serves {@code /metrics} on the loopback interface at {@code port}; 0 takes any free port. */
  public static MetricsExport serve(int port) throws IOException {
    return serve(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
  }

  /** Serves {@code /metrics} on {@code address}; port 0 takes any free port. */
  public static MetricsExport serve(InetSocketAddress address) throws IOException {
    PrometheusMeterRegistry registry = ProcessRegistry.create();
    try {
      return new MetricsExport(registry, MetricsEndpoint.start(registry, address));
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

  /** Where {@code /metrics} listens, as bound; empty when off. */
  public Optional<InetSocketAddress> address() {
    return endpoint == null ? Optional.empty() : Optional.of(endpoint.address());
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    registry.close();
  }
}
