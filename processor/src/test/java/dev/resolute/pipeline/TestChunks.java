package dev.resolute.pipeline;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The first chunk of a short clip of the synthetic scene, cut as ingest cuts it. */
final class TestChunks {
  private TestChunks() {}

  static VideoChunk first(Path dir, SyntheticScene scene, int frames, FootageWriter.Codec codec) throws Exception {
    Path file = dir.resolve("clip.mkv");
    FootageWriter.write(scene, frames, codec, file);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, "cam", null, chunks::add);
    return chunks.get(0);
  }
}
