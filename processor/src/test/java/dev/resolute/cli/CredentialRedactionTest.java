package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.decode.FfmpegErrors;
import dev.resolute.ingest.LiveCameraIngest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;

/** A camera URL with a password, which FFmpeg fails to open, in every place a user or a log sees it. */
class CredentialRedactionTest {
  private static final String SECRET = "s3cret-Pa55";

  @Test
  void shouldKeepThePasswordOutOfFfmpegsOwnErrorAndOurErrorLines() throws Exception {
    String url = "rtsp://alice:" + SECRET + "@127.0.0.1:" + closedPort() + "/cam";

    Exception failure = null;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url)) {
      grabber.setOption("timeout", "2000000");
      grabber.start();
    } catch (Exception e) {
      failure = e;
    }

    assertThat(failure).as("FFmpeg cannot open a URL nobody serves").isNotNull();
    assertThat(failure.getMessage()).as("FFmpeg itself repeats the URL").contains(SECRET);
    assertThat(FfmpegErrors.describe(failure)).doesNotContain(SECRET).contains("rtsp://***@127.0.0.1");
    assertThat(new LiveCameraIngest.Spec("gate", url, Map.of()).toString()).doesNotContain(SECRET);

    CliRun probe = new CliRun();
    int exit = probe.execute("probe", "--sample-seconds", "1", url);
    assertThat(exit).isEqualTo(2);
    assertThat(probe.err.toString()).contains("rtsp://***@").doesNotContain(SECRET);

    CliRun demo = new CliRun();
    demo.execute("demo", "--source", url);
    assertThat(demo.err.toString()).contains("--duration").doesNotContain(SECRET);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
