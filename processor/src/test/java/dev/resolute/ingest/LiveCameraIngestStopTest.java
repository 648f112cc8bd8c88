package dev.resolute.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveCameraIngestStopTest {

  @Test
  void stopEndsTheReconnectWaitAtOnce() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort(); // nothing listens there once the probe closes: refused at once
    }
    LiveCameraIngest.Settings settings = new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofMinutes(10), Duration.ofMinutes(10));
    LiveCameraIngest ingest = new LiveCameraIngest(
        new LiveCameraIngest.Spec("cam", "http://127.0.0.1:" + closedPort + "/stream", Map.of()), settings,
        chunk -> {}, Clock.systemUTC());
    Thread camera = new Thread(ingest, "camera");
    camera.start();
    for (int i = 0; i < 200 && ingest.health().reconnects() == 0; i++) {
      Thread.sleep(100);
    }
    assertTrue(ingest.health().reconnects() > 0, "the refused connection should have started a backoff");

    ingest.stop();
    camera.join(Duration.ofSeconds(30).toMillis()); // a third of a 10-minute backoff: ending at all is the point

    assertFalse(camera.isAlive(), "stop() left the camera thread waiting out its backoff");
  }
}
