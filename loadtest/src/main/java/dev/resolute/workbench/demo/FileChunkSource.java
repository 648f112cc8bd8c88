package dev.resolute.workbench.demo;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.IngestException;
import dev.resolute.ingest.SourceProbe;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.traffic.ChunkPacer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A video file cut into chunks and replayed as a camera would have sent it, {@code speed} times
 * faster, or as fast as it is read when {@code speed} is infinite.
 *
 * @param limit only the first {@code limit} of the file, or {@code null} for all of it
 */
record FileChunkSource(Path file, SourceProbe probe, String cameraId, Duration limit, double speed) implements ChunkSource {

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public String describe() {
    return String.format("%s (%s %dx%d at %.4g fps), replay at %s", file, probe.codec(), probe.width(), probe.height(),
        probe.fps(), Double.isInfinite(speed) ? "full speed" : speed + "x real time");
  }

  @Override
  public Ingested ingest(Consumer<VideoChunk> publish) {
    Consumer<VideoChunk> paced = ChunkPacer.realTime(ChunkPacer.Plan.file(speed)).pacing(publish);
    VideoFileChunker.Result result;
    try {
      result = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, probe, cameraId, limit, paced);
    } catch (ChunkPacer.Interrupted e) {
      // as before the pacer left ingest: an interrupted replay is the source's failure (exit 2), not a crash
      throw new IngestException(e.getMessage(), e.getCause());
    }
    return new Ingested(result.mode().name(), result.chunks(), result.frames());
  }
}
