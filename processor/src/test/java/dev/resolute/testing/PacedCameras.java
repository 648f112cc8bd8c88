package dev.resolute.testing;

import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.schemas.VideoChunk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.Utils;

/**
 * Live cameras for as long as a test needs them: replays one clip's chunks at a steady pace, one
 * camera per partition of the chunk topic so that every partition always has work, and starts new
 * cameras with the same clip when it runs out, so that every (camera, frame) is published once.
 */
public final class PacedCameras implements AutoCloseable {
  private final ChunkPublisher publisher;
  private final List<VideoChunk> clip;
  private final Duration interval;
  private final int partitions;
  private final Set<String> published = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "resolute-paced-cameras");
  private volatile Exception failure;

  /** Publishes one chunk of each camera every {@code interval}, one camera per partition. */
  public PacedCameras(String bootstrapServers, List<VideoChunk> clip, Duration interval, int partitions) {
    this.publisher = new ChunkPublisher(bootstrapServers);
    this.clip = clip;
    this.interval = interval;
    this.partitions = partitions;
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      for (int round = 0; !stopping.get(); round++) {
        for (int i = 0; i < clip.size() && !stopping.get(); i++) {
          for (int partition = 0; partition < partitions; partition++) {
            VideoChunk chunk = VideoChunk.newBuilder(clip.get(i)).setCameraId(cameraOn(partition, round))
                .setCaptureTimeMs(System.currentTimeMillis()).build();
            publisher.publish(chunk);
            LongStream.range(chunk.getFirstFrameIndex(), chunk.getFirstFrameIndex() + chunk.getFrameCount())
                .forEach(frame -> published.add(chunk.getCameraId() + "#" + frame));
          }
          Thread.sleep(interval.toMillis()); // a camera's pace, not a wait for a condition
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  /** A camera id that the default partitioner puts on {@code partition}. */
  private String cameraOn(int partition, int round) {
    for (int n = 0; ; n++) {
      String id = "cam-" + round + "-" + partition + "-" + n;
      if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        return id;
      }
    }
  }

  /** Stops publishing, waits until every chunk is acknowledged, and returns every frame published. */
  public Set<String> stop() throws InterruptedException {
    stopping.set(true);
    thread.join(30_000);
    publisher.flush();
    if (failure != null) {
      throw new IllegalStateException("publishing failed: " + failure, failure);
    }
    return Set.copyOf(published);
  }

  @Override
  public void close() {
    stopping.set(true);
    publisher.close();
  }
}
