package dev.resolute.workbench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short load test end to end: embedded broker, processor, replay as 2 cameras, report. */
class LoadTestRunIT {
  @TempDir Path dir;

  @Test
  void shouldAccountForEveryReplayedFrameAndWriteTheReport() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(160, 120, 10), 30, FootageWriter.Codec.H264, clip);
    Path modelDir = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();

    LoadReport.Summary summary = new LoadTestRun(new LoadTestRun.Options(clip, 2, 1.0, Duration.ofSeconds(6), null, KafkaClientConfig.none(),
        () -> OnnxModel.load(modelDir), ControlConfig.defaults(Policy.ADAPTIVE)), System.out).run(dir.resolve("report")).summary();

    assertThat(summary.framesIn()).isGreaterThanOrEqualTo(80); // 2 cameras x ~6 s x 10 fps, loop included
    assertThat(summary.masks() + summary.framesSkipped()).isEqualTo(summary.framesIn());
    assertThat(summary.deadLetters()).isZero();
    assertThat(summary.deadLetterReasons()).isEmpty();
    assertThat(summary.perCamera()).containsOnlyKeys("loadtest-clip-0", "loadtest-clip-1");
    assertThat(summary.latencyMsP50()).isPositive().isLessThanOrEqualTo(summary.latencyMsP99());
    assertThat(summary.throughputFps()).isPositive();
    assertThat(dir.resolve("report/index.html")).exists();
    assertThat(Files.readAllLines(dir.resolve("report/series.csv")).size()).isGreaterThan(2);
  }

  @Test
  void shouldShareTheCamerasBetweenTwoInstancesAndStillAccountForEveryFrame() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(160, 120, 10), 30, FootageWriter.Codec.H264, clip);
    Path modelDir = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();

    LoadReport.Summary summary = new LoadTestRun(new LoadTestRun.Options(clip, 2, 1.0, Duration.ofSeconds(6), null,
        KafkaClientConfig.none(), () -> OnnxModel.load(modelDir), ControlConfig.defaults(Policy.ADAPTIVE), 2), System.out)
        .run(dir.resolve("report-2")).summary();

    assertThat(summary.instances()).isEqualTo(2);
    assertThat(summary.framesIn()).isGreaterThanOrEqualTo(80);
    assertThat(summary.masks() + summary.framesSkipped()).as("every frame once, whichever instance had it").isEqualTo(summary.framesIn());
    assertThat(summary.deadLetters()).isZero();
  }
}
