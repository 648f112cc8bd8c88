package dev.resolute.topology;

import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Replay speeds and model costs that mean the same on a slow and on a fast machine. */
final class OverloadCalibration {
  private OverloadCalibration() {}

  /**
   * Replay speed that makes one camera of {@code scene} arrive at {@code overload} times what this
   * machine segments per second at the full level (at least 2x real time).
   */
  static double replaySpeed(Path modelDir, SyntheticScene scene, double overload) {
    try (OnnxModel model = OnnxModel.load(modelDir)) {
      double fullLevelMs = msPerFrame(model, scene)[0];
      return Math.max(2, overload * (1000 / fullLevelMs) / scene.fps());
    } catch (Exception e) {
      throw new IllegalStateException("could not measure this machine's full-level capacity", e);
    }
  }

  /**
   * Milliseconds per frame of every level on a second of {@code scene}: the pipeline's own warm-up
   * measure (decode and encoding included), which the controller starts from too.
   */
  static double[] msPerFrame(OnnxModel model, SyntheticScene scene) throws Exception {
    Path file = Files.createTempFile("resolute-calibration-", ".mkv");
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, 1, Clock.systemUTC())) {
      FootageWriter.write(scene, Math.round(scene.fps()), FootageWriter.Codec.H264, file);
      List<VideoChunk> chunks = new ArrayList<>();
      new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, "calibration", null, chunks::add);
      return segmenter.warmUp(segmenter.decode(chunks.get(0)));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
