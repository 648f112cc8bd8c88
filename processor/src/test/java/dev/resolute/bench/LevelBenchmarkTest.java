package dev.resolute.bench;

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
      List<LevelBenchmark.Row> rows = new LevelBenchmark(0, 1).run(model, 160, 120);

      assertThat(rows).extracting(LevelBenchmark.Row::level).containsExactly(0, 1, 2, 3);
      assertThat(rows).extracting(LevelBenchmark.Row::width).containsExactly(160, 120, 80, 40);
      assertThat(rows.get(0).gflops()).isGreaterThan(rows.get(3).gflops() * 15);
      assertThat(rows).allSatisfy(r -> assertThat(r.inferenceMs()).isPositive());

      String md = LevelBenchmark.markdown("rgb", "cpu", 160, 120, rows);
      assertThat(md).contains("| level | inference |").contains("| 0 | 160x120 |").contains("1.00x |");
      assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| level"))).hasSize(4);
    }
  }
}
