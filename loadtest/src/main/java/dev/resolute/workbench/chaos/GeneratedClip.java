package dev.resolute.workbench.chaos;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The footage a chaos run's cameras replay: small generated frames, lossless, cut into 1 s chunks,
 * so that two cores keep up with several cameras and a crash, not a slow model, sets the pace.
 */
public final class GeneratedClip {
  public static final int FPS = 12;

  private GeneratedClip() {}

  /** Four 1 s chunks of 96x64 frames, written under {@code dir}. */
  public static List<VideoChunk> write(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path footage = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, FPS), 4L * FPS, FootageWriter.Codec.FFV1, footage);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(footage, "clip", null, chunks::add);
    if (chunks.size() < 2) {
      throw new IllegalStateException("the generated clip made " + chunks.size() + " chunk(s); expected several");
    }
    return chunks;
  }
}
