package dev.resolute.workbench.bench;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The footage benchmarks run on: the labelled synthetic scene at the source size, encoded as a
 * camera sends it (H.264, a keyframe a second) and cut into chunks as ingest cuts it, so that decode
 * is timed on what the processor really decodes.
 */
public record BenchClip(SyntheticScene scene, List<VideoChunk> chunks) {
  public static final double FPS = 12;

  /** {@code seconds} one-second chunks of the scene at {@code width x height}, written under a temp dir. */
  public static BenchClip generate(int width, int height, int seconds) throws Exception {
    SyntheticScene scene = new SyntheticScene(width, height, FPS);
    Path dir = Files.createTempDirectory("resolute-bench");
    Path file = dir.resolve("clip.mkv");
    try {
      FootageWriter.write(scene, Math.round(seconds * FPS), FootageWriter.Codec.H264, file);
      List<VideoChunk> chunks = new ArrayList<>();
      new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, "bench", null, chunks::add);
      return new BenchClip(scene, chunks);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  public int frames() {
    return chunks.stream().mapToInt(ChunkTimeline::newFrames).sum();
  }
}
