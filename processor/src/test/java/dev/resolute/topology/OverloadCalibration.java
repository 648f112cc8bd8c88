package dev.resolute.topology;

import dev.resolute.bench.LevelBenchmark;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.inference.OnnxModel;
import java.nio.file.Path;

/** Replay speeds that mean the same overload on a slow and on a fast machine. */
final class OverloadCalibration {
  private OverloadCalibration() {}

  /**
   * Replay speed that makes one camera of {@code scene} arrive at {@code overload} times what this
   * machine segments per second at the full level (at least 2x real time).
   */
  static double replaySpeed(Path modelDir, SyntheticScene scene, double overload) {
    try (OnnxModel model = OnnxModel.load(modelDir)) {
      LevelBenchmark.Row full = new LevelBenchmark(2, 5).run(model, scene.width(), scene.height()).get(0);
      double decodeMs = 3; // H.264 at 640x480 on a small CPU; the benchmark does not decode
      double capacityFps = 1000.0 / (full.javaMs() + full.inferenceMs() + decodeMs);
      return Math.max(2, overload * capacityFps / scene.fps());
    }
  }
}
