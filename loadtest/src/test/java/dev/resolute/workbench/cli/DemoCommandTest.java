package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.cli.CliRun;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();
  private final StringWriter err = cli.err;
  private final StringWriter out = cli.out;

  private int run(String... args) {
    return cli.execute(args);
  }

  @Test
  void shouldRejectAMissingSourceWithOneLineAndExitCode2() {
    int code = run("demo", "--source", dir.resolve("missing.mp4").toString(), "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .startsWith("error: --source").contains("missing.mp4").contains("no such file");
  }

  @Test
  void shouldRejectAFileThatIsNotAVideoBeforeStartingAnything() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.avi"), "not a video at all");

    int code = run("demo", "--source", text.toString(), "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .contains("notes.avi").contains("not a readable video").contains("Invalid data").doesNotContain("setFormat");
  }

  @Test
  void shouldRefuseTensorRtOnAMachineWithoutAGpuInOneLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.util.cuda.CudaUtils.getGpuCount() == 0, "this machine has a GPU");

    int code = run("demo", "--device", "tensorrt", "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .startsWith("error: --device tensorrt").contains("no NVIDIA GPU");
  }

  @Test
  void shouldKeepACameraPasswordOutOfItsError() throws Exception {
    String secret = "s3cret-Pa55";
    String url;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "rtsp://alice:" + secret + "@127.0.0.1:" + socket.getLocalPort() + "/cam";
    } // closed: nobody serves it

    run("demo", "--source", url);

    assertThat(err.toString()).contains("--duration").doesNotContain(secret);
  }

  @Test
  void shouldRejectANonPositiveDuration() {
    int code = run("demo", "--duration", "0", "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--duration");
  }

  @Test
  void shouldRequireADurationForACameraUrlAndSayWhichOption() {
    int code = run("demo", "--source", "rtsp://127.0.0.1:8554/cam", "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .startsWith("error: --source rtsp://127.0.0.1:8554/cam is a live camera").contains("--duration SECONDS");
  }

  @Test
  void shouldRefuseAReplaySpeedForACameraUrl() {
    int code = run("demo", "--source", "http://127.0.0.1:8080/stream", "--duration", "5", "--speed", "4",
        "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--speed applies to files");
  }

  @Test
  void shouldRejectAUrlSchemeThatNoCameraUsesInsteadOfLookingForAFile() {
    int code = run("demo", "--source", "ftp://example/cam.mp4", "--duration", "5", "--out", dir.resolve("out").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .contains("'ftp' is not a camera URL scheme").contains("rtsp").doesNotContain("no such file");
  }

  @Test
  void shouldDescribeEveryOptionAndExitCodeInHelp() {
    int code = run("demo", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--source", "PATH|URL", "--camera", "--duration", "--out", "--model")
        .containsPattern("(?m)^\\s+3\\s+nothing segmented");
  }
}
