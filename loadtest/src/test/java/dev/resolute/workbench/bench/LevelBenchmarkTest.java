package dev.resolute.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.inference.OnnxModel;
import dev.resolute.model.RgbSegmenterModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LevelBenchmarkTest {
  @TempDir Path dir;

  @Test
  void shouldMeasureEveryLevelAndTabulateItAgainstLevelZero() throws Exception {
    try (OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir))) {
      List<LevelBenchmark.Row> rows = new LevelBenchmark(0, 1).run(model, BenchClip.generate(160, 120, 1));

      assertThat(rows).extracting(LevelBenchmark.Row::level).containsExactly(0, 1, 2, 3);
      assertThat(rows).extracting(LevelBenchmark.Row::width).containsExactly(160, 120, 80, 40);
      assertThat(rows.get(0).gflops()).isGreaterThan(rows.get(3).gflops() * 15);
      assertThat(rows).allSatisfy(r -> {
        assertThat(r.inferenceMs()).isPositive();
        assertThat(r.decodeMs()).isPositive();
        assertThat(r.graphUpsampleMs()).as("the generated model takes the graph's tail").isNotNaN();
        // every stage around inference is timed, not left at 0: the outside share is what the bench is for
        assertThat(r.prepareMs()).isPositive();
        // the graph's upsampling is a difference of two timings and may come out 0; Java's is timed itself
        assertThat(r.javaUpsampleMs()).isPositive();
        assertThat(r.upsampleMs()).isGreaterThanOrEqualTo(0.0);
        assertThat(r.encodeMs()).isPositive();
        assertThat(r.outsideShare()).isStrictlyBetween(0.0, 1.0);
      });

      String md = LevelBenchmark.markdown("rgb", "cpu", 160, 120, rows);
      assertThat(md).contains("| level | inference |").contains("outside share").contains("| 0 | 160x120 |").contains("1.00x |");
      assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| level"))).hasSize(4);
    }
  }

  @Test
  void shouldRunThePipelineAndTheBareLoopOnTheSameFramesAtEachLevel() throws Exception {
    try (OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir))) {
      BenchClip clip = BenchClip.generate(96, 64, 1);
      PipelineBenchmark.Result result = new PipelineBenchmark(4, 1, 1).run(model, clip, 2);

      assertThat(result.frames()).isEqualTo(12);
      assertThat(result.width()).isEqualTo(48);
      assertThat(result.pipelineFps()).isPositive();
      assertThat(result.bareFps()).isPositive();
      assertThat(PipelineBenchmark.markdown("rgb", List.of(result))).contains("| 2 | 48x32 | 12 | 1 |");
    }
  }

  @Test
  void shouldScoreBothWaysOfShrinkingAgainstTheTrueLabels() throws Exception {
    try (OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir))) {
      List<ResizeQuality.Row> rows = new ResizeQuality(2).run(model, BenchClip.generate(128, 96, 1));

      assertThat(rows).hasSize(4);
      // at the source size nothing is shrunk: both ways give the same masks
      assertThat(rows.get(0).differingPixels()).isZero();
      assertThat(rows).allSatisfy(r -> assertThat(r.areaIou()).isGreaterThan(0.8));
    }
  }
}
