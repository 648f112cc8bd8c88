package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.config.RedactingLines;
import dev.resolute.decode.FfmpegErrors;
import dev.resolute.ingest.LiveCameraIngest;
import dev.resolute.testkit.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  }

  /** Each secret form of issue 19, each value distinct so that a leak names its form. */
  private static final List<String> SECRET_FORMS = List.of(
      "rtsp://admin:p@ss-userinfo@127.0.0.1:%d/cam",
      "rtsp://127.0.0.1:%d/cam?password=pw-query&channel=1",
      "http://127.0.0.1:%d/live.m3u8?token=tk-query",
      "srt://127.0.0.1:%d?mode=caller&passphrase=pp-srt");
  private static final List<String> SECRET_VALUES = List.of("ss-userinfo", "pw-query", "tk-query", "pp-srt");

  @Test
  void shouldKeepEverySecretFormOutOfPicocliParseErrors() throws Exception {
    String[] secrets = SECRET_VALUES.toArray(String[]::new);
    // a camera without ID=: picocli's KEY=VALUE parse fails and its message repeats the value
    CliRun camera = new CliRun();
    assertThat(camera.execute("ingest", "--bootstrap-servers", "127.0.0.1:1", "--camera", String.format(SECRET_FORMS.get(0), 554)))
        .isEqualTo(2);
    assertThat(camera.err.toString()).contains("KEY=VALUE", "rtsp://***@127.0.0.1").doesNotContain(secrets);
    for (String form : SECRET_FORMS) {
      String url = String.format(form, 554);
      CliRun unknown = new CliRun();
      CliRun misplaced = new CliRun();

      assertThat(unknown.execute("ingest", "--bootstrap-servers", "127.0.0.1:1", "--kamera", url)).isEqualTo(2);
      assertThat(misplaced.execute("ingest", "--bootstrap-servers", "127.0.0.1:1", "--timeout-seconds", url)).isEqualTo(2);

      assertThat(unknown.err.toString()).as(form).contains("--kamera").doesNotContain(secrets);
      assertThat(misplaced.err.toString()).as(form).contains("--timeout-seconds").doesNotContain(secrets);
    }
  }

  @Test
  void shouldKeepEverySecretFormOutOfTheLogOfACameraThatCannotBeOpened() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(RedactingLines.around(new PrintStream(captured, true, Charset.defaultCharset())));
    List<LiveCameraIngest> cameras = new ArrayList<>();
    try {
      for (String form : SECRET_FORMS) {
        String url = String.format(form, closedPort());
        cameras.add(new LiveCameraIngest(new LiveCameraIngest.Spec("cam" + cameras.size(), url, Map.of("passphrase", "pp-option")),
            new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30)),
            chunk -> {}, Clock.systemUTC()));
      }
      List<Thread> threads = cameras.stream().map(Thread::new).toList();
      threads.forEach(Thread::start);
      // each camera fails to connect, logs why and waits out its backoff: the log is complete then
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (countOf(captured.toString(Charset.defaultCharset()), "disconnected; reconnecting") < cameras.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      cameras.forEach(LiveCameraIngest::stop);
      for (Thread thread : threads) {
        thread.join();
      }
      org.slf4j.LoggerFactory.getLogger(CredentialRedactionTest.class).warn("a message nobody redacted: {} with {}",
          String.format(SECRET_FORMS.get(3), 1), new LiveCameraIngest.Spec("gate", String.format(SECRET_FORMS.get(0), 1),
              Map.of("passphrase", "pp-option", "rtsp_transport", "tcp")));
    } finally {
      System.err.flush();
      System.setErr(original);
    }

    String log = captured.toString(Charset.defaultCharset());
    assertThat(countOf(log, "disconnected; reconnecting")).as(log).isEqualTo(SECRET_FORMS.size());
    assertThat(log).contains("a message nobody redacted: srt://127.0.0.1:1?mode=caller&passphrase=***", "rtsp_transport=tcp")
        .doesNotContain(SECRET_VALUES.toArray(String[]::new)).doesNotContain("pp-option");
  }

  @Test
  void shouldKeepEverySecretFormOutOfASpecAndItsOptions() {
    for (String form : SECRET_FORMS) {
      String shown = new LiveCameraIngest.Spec("gate", String.format(form, 554), Map.of("passphrase", "pp-option")).toString();
      assertThat(shown).doesNotContain(SECRET_VALUES.toArray(String[]::new)).doesNotContain("pp-option");
    }
  }

  private static int countOf(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
