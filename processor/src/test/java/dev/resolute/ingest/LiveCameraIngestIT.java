package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.sources.LiveSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Live ingest against a real RTSP server (GStreamer's, started by the test), which is killed in the
 * middle and started again on the same port: ingest must reconnect and carry on, in order.
 */
class LiveCameraIngestIT {
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"tcp", "udp"})
  void shouldReconnectAfterTheServerDiesAndKeepChunksInOrder(String transport) throws Exception {
    LiveSource server = LiveSource.rtsp();
    List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
    LiveCameraIngest ingest = new LiveCameraIngest(
        new LiveCameraIngest.Spec("gate", server.url(), Map.of("rtsp_transport", transport)),
        new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2)),
        chunks::add, Clock.systemUTC());

    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    IngestMetrics metrics = new IngestMetrics(registry);
    metrics.bind("gate", ingest.health(), Clock.systemUTC());
    Thread worker = new Thread(ingest, "ingest-gate");
    try {
      worker.start();
      await().atMost(Duration.ofSeconds(40)).until(() -> chunks.size() >= 3);

      server.kill();
      await().atMost(Duration.ofSeconds(30)).until(() -> !ingest.health().isConnected() && ingest.health().reconnects() >= 1);
      int beforeRestart = chunks.size();

      server.restart();
      await().atMost(Duration.ofSeconds(60)).until(() -> chunks.size() >= beforeRestart + 3);
    } finally {
      ingest.stop();
      server.close();
      worker.join(15_000);
    }

    List<VideoChunk> received = List.copyOf(chunks);
    for (int i = 0; i < received.size(); i++) {
      VideoChunk chunk = received.get(i);
      assertThat(chunk.getSequence()).as("sequence").isEqualTo(i);
      if (i > 0) {
        VideoChunk previous = received.get(i - 1);
        assertThat(chunk.getFirstFrameIndex()).isEqualTo(previous.getFirstFrameIndex() + previous.getFrameCount());
        assertThat(chunk.getCaptureTimeMs()).isGreaterThanOrEqualTo(previous.getCaptureTimeMs());
        if (chunk.getFirstPtsMicros() > previous.getFirstPtsMicros()) { // same session: capture follows the stream clock
          long mediaMs = (chunk.getFirstPtsMicros() - previous.getFirstPtsMicros()) / 1000;
          assertThat(chunk.getCaptureTimeMs() - previous.getCaptureTimeMs()).isCloseTo(mediaMs, org.assertj.core.data.Offset.offset(150L));
        }
      }
      List<DecodedFrame> frames = new ChunkDecoder().decode(chunk); // each decodes on its own
      assertThat(frames).hasSize(chunk.getFrameCount());
      assertThat(frames.get(0).width()).isEqualTo(320);
    }
    assertThat(ingest.health().reconnects()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("resolute.ingest.reconnects").tag("camera", "gate").functionCounter().count()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("resolute.ingest.chunks").tag("camera", "gate").functionCounter().count()).isEqualTo(received.size());
    assertThat(registry.get("resolute.ingest.bytes").tag("camera", "gate").functionCounter().count()).isPositive();
    assertThat(registry.get("resolute.ingest.connected").tag("camera", "gate").gauge().value()).isZero(); // stopped
    assertThat(registry.get("resolute.ingest.last.packet.age").tag("camera", "gate").gauge().value()).isNotNegative();
    metrics.close();
    assertThat(registry.getMeters()).isEmpty();
  }
}
