package dev.resolute.app;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.ReplayPacer;
import dev.resolute.ingest.SourceProbe;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
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
    Consumer<VideoChunk> paced = Double.isInfinite(speed) ? publish : new ReplayPacer(speed, Clock.systemUTC(), publish);
    VideoFileChunker.Result result = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC())
        .chunk(file, probe, cameraId, limit, paced);
    return new Ingested(result.mode().name(), result.chunks(), result.frames());
  }
}
