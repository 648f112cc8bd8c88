package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.sources.LiveSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HLS stream that has ended (its playlist carries #EXT-X-ENDLIST) against live ingest: FFmpeg
 * reports its end as an end of file, exactly as it reports a dropped connection, and ingest used to
 * reconnect and publish the whole playlist again, as new frames, every time.
 */
class HlsEndIT {
  private static final int FRAMES = 150;
  private static final LiveCameraIngest.Settings FAST_RECONNECT =
      new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(200));

  @Test
  void shouldIngestAnEndedStreamOnceAndEndTheCamera() throws Exception {
    List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LiveSource server = LiveSource.hlsEnded(FRAMES); IngestMetrics metrics = new IngestMetrics(registry)) {
      LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("vod", server.url(), Map.of()), FAST_RECONNECT,
          chunks::add, Clock.systemUTC());
      metrics.bind("vod", ingest.health(), Clock.systemUTC());
      Thread worker = new Thread(ingest, "ingest-vod");
      worker.start();
      worker.join(60_000); // the worker returns by itself once the source has ended
      ingest.stop();

      assertThat(worker.isAlive()).as("ingest still reading an ended stream").isFalse();
      assertThat(frames(chunks)).isEqualTo(FRAMES);
      assertThat(ingest.health().isEnded()).isTrue();
      assertThat(ingest.health().reconnects()).isZero();
      assertThat(registry.get("resolute.ingest.ended").tag("camera", "vod").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("resolute.ingest.chunks").tag("camera", "vod").functionCounter().count()).isEqualTo(chunks.size());
    }
  }

  @Test
  void shouldReadItAgainFromItsStartWhenLooping() throws Exception {
    List<VideoChunk> chunks = Collections.synchronizedList(new ArrayList<>());
    try (LiveSource server = LiveSource.hlsEnded(FRAMES)) {
      LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("loop", server.url(), Map.of()),
          FAST_RECONNECT.withLoop(true), chunks::add, Clock.systemUTC());
      Thread worker = new Thread(ingest, "ingest-loop");
      worker.start();
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> frames(chunks) >= 2 * FRAMES);
      } finally {
        ingest.stop();
        worker.join(15_000);
      }
      assertThat(ingest.health().isEnded()).isFalse();
      assertThat(ingest.health().reconnects()).as("each pass is a new session").isGreaterThanOrEqualTo(1);
    }
  }

  private static long frames(List<VideoChunk> chunks) {
    synchronized (chunks) {
      return chunks.stream().mapToLong(VideoChunk::getFrameCount).sum();
    }
  }
}
