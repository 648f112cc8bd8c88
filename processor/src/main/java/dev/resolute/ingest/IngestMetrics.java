package dev.resolute.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Each live camera's health as meters, tagged {@code camera}: connected (1/0), ended (1/0: its source
 * reached its end and is not read again), reconnects, chunks and
 * bytes received (counters: bytes/s is their rate), seconds since the last packet. Removes its
 * meters on close.
 */
public final class IngestMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void bind(String cameraId, CameraHealth health, Clock clock) {
    Tags tags = Tags.of("camera", cameraId);
    meters.add(Gauge.builder("resolute.ingest.connected", health, h -> h.isConnected() ? 1 : 0).tags(tags)
        .description("1 while the camera's stream is open").register(registry));
    meters.add(Gauge.builder("resolute.ingest.ended", health, h -> h.isEnded() ? 1 : 0).tags(tags)
        .description("1 once the camera's source ended (an HLS ENDLIST, a file read to its end); it is not read again").register(registry));
    meters.add(FunctionCounter.builder("resolute.ingest.reconnects", health, CameraHealth::reconnects).tags(tags)
        .description("reconnection attempts").register(registry));
    meters.add(FunctionCounter.builder("resolute.ingest.chunks", health, CameraHealth::chunks).tags(tags)
        .description("chunks published").register(registry));
    meters.add(FunctionCounter.builder("resolute.ingest.bytes", health, CameraHealth::bytes).tags(tags).baseUnit("bytes")
        .description("video bytes received; its rate is the camera's bitrate").register(registry));
    meters.add(Gauge.builder("resolute.ingest.last.packet.age", health, h -> {
      long age = h.lastPacketAgeMs(clock.millis());
      return age < 0 ? Double.NaN : age / 1000.0;
    }).tags(tags).baseUnit("seconds").description("time since the last packet").register(registry));
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
