package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.testkit.cli.CliRun;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();
  private final StringWriter err = cli.err;
  private final StringWriter out = cli.out;

  private int run(String... args) {
    return cli.execute(args);
  }

  @Test
  void shouldInspectAModelDirectoryLevelByLevelAtItsNativeSize() throws Exception {
    RgbSegmenterModel.writeTo(dir);

    int code = run("model", "inspect", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("input    input float32 [N, 3, H, W]")
        .contains("output   logits float32 [N, 4, H, W]  <- read")
        .contains("dynamic  input: N, H, W; logits: N, H, W")
        .contains("source size 640x480 (native size)")
        .containsPattern("0 +1.00 +640x480 +0.060 +0.029 +8.6")
        .containsPattern("3 +0.25 +160x120 +0.004 +0.002 +0.5")
        .contains("uncounted ops: none");
  }

  @Test
  void shouldCountRegSegsParametersAndMultiplyAddsAtThePapersSize() throws Exception {
    dev.resolute.model.regseg.RegSegModel.writeTo(dir);

    int code = run("model", "inspect", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("params   3,334,951 ")
        .contains("output   logits float32 [N, 19, H/4, W/4]  <- read")
        .contains("source size 2048x1024 (native size)")
        .containsPattern("0 +1.00 +2048x1024 +77\\.\\d+ +38\\.3\\d+ ")
        .contains("uncounted ops: none");
  }

  @Test
  void shouldInspectAtAGivenSourceSize() throws Exception {
    RgbSegmenterModel.writeTo(dir);

    int code = run("model", "inspect", dir.toString(), "--source-size", "1280x720");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("source size 1280x720\n").containsPattern("1 +0.75 +960x540 ");
  }

  @Test
  void shouldSayWhichGraphsRunAtOneSizeOnly() throws Exception {
    Path file = dir.resolve("fixed.onnx");
    dev.resolute.model.OnnxFiles.write(dev.resolute.model.graph.TestGraphs.graph().input("x", 1, 3, 64, 48).output("y")
        .node("Relu", dev.resolute.model.graph.TestGraphs.in("x"), "y").model(), file);

    int code = run("model", "inspect", file.toString(), "--source-size", "32x32");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("(no model.json: the graph alone)")
        .contains("dynamic  none: every dim is fixed")
        .contains("the graph runs at 48x64 only");
  }

  @Test
  void shouldRefuseAMalformedSourceSize() throws Exception {
    RgbSegmenterModel.writeTo(dir);

    int code = run("model", "inspect", dir.toString(), "--source-size", "1280by720");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--source-size: expected a size as WIDTHxHEIGHT");
  }

  @Test
  void shouldOnlyFetchModelsItKnows() {
    int code = run("model", "fetch", "generated");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("error: cannot fetch 'generated': the only model to fetch is 'isnet'");
  }

  @Test
  void shouldAskForASubcommand() {
    int code = run("model");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("give a subcommand: fetch or inspect");
  }
}
