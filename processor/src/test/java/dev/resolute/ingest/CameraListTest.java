package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraListTest {
  @TempDir Path dir;

  @Test
  void shouldReadCamerasWithTheirOwnFfmpegOptionsAndSkipComments() throws Exception {
    Path file = Files.writeString(dir.resolve("cameras.txt"), """
        # yard cameras
        gate  rtsp://10.0.0.5/stream1  rtsp_transport=udp

        lobby http://10.0.0.6/live.ts
        """);

    assertThat(CameraList.read(file)).containsExactly(
        new LiveCameraIngest.Spec("gate", "rtsp://10.0.0.5/stream1", Map.of("rtsp_transport", "udp")),
        new LiveCameraIngest.Spec("lobby", "http://10.0.0.6/live.ts", Map.of()));
  }

  @Test
  void shouldNameTheLineOfAMalformedEntry() throws Exception {
    Path file = Files.writeString(dir.resolve("cameras.txt"), "gate rtsp://x/y\nlonely\n");

    assertThatThrownBy(() -> CameraList.read(file)).hasMessageContaining("cameras.txt:2");
  }

  @Test
  void shouldBackOffExponentiallyWithJitterUpToTheCap() {
    LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("c", "rtsp://x/y", Map.of()),
        new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30)),
        chunk -> { }, Clock.systemUTC());

    for (int i = 0; i < 50; i++) {
      assertThat(ingest.backoffMs(0)).isBetween(250L, 500L);
      assertThat(ingest.backoffMs(3)).isBetween(2_000L, 4_000L);
      assertThat(ingest.backoffMs(30)).isBetween(15_000L, 30_000L);
    }
  }

  @Test
  void shouldRefuseACameraIdThatIsNotANameWithItsLineAndNotTheUrl() throws Exception {
    Path file = Files.writeString(dir.resolve("cameras.txt"), """
        gate  rtsp://10.0.0.5/stream1
        ../lobby rtsp://admin:secret@10.0.0.6/live
        """);

    assertThatThrownBy(() -> CameraList.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":2: camera id '../lobby'").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> new LiveCameraIngest.Spec("a b", "rtsp://10.0.0.5/s", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("camera id 'a b'");
  }
}
