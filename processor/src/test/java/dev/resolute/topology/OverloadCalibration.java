package dev.resolute.topology;

import dev.resolute.bench.BenchClip;
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
      LevelBenchmark.Row full = new LevelBenchmark(2, 5).run(model, BenchClip.generate(scene.width(), scene.height(), 1)).get(0);
      double capacityFps = full.framesPerSecond(); // decode included
      return Math.max(2, overload * capacityFps / scene.fps());
    } catch (Exception e) {
      throw new IllegalStateException("could not measure this machine's full-level capacity", e);
    }
  }
}
