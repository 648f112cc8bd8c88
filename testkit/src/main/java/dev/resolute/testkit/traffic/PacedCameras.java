package dev.resolute.testkit.traffic;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.Utils;

/**
 * Live cameras for as long as a run needs them: replays one clip's chunks at a steady pace, camera
 * {@code i} on partition {@code i mod partitions} of the chunk topic so that every partition has
 * work. When the clip runs out the same cameras go on with it, their chunk numbers and frame
 * indices counting on, so that every (camera, chunk, frame) is published once and the controller
 * sees a steady set of cameras (new ones every few seconds would shrink each one's share of the
 * capacity). Frame times repeat from round to round: the processor reads them within a chunk only.
 */
public final class PacedCameras implements AutoCloseable {
  private final ChunkSink publisher;
  private final List<VideoChunk> clip;
  private final Duration interval;
  private final int partitions;
  private final int cameras;
  private final String prefix;
  private final Set<FrameId> published = ConcurrentHashMap.newKeySet();
  private volatile List<String> live = List.of();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "resolute-paced-cameras");
  private volatile Exception failure;

  /** Publishes one chunk of each camera every {@code interval}, one camera per partition. */
  public PacedCameras(String bootstrapServers, List<VideoChunk> clip, Duration interval, int partitions) {
    this(ChunkSink.kafka(bootstrapServers), clip, interval, partitions, partitions, "cam");
  }

  /**
   * Publishes one chunk of each of {@code cameras} cameras every {@code interval}; camera ids start
   * with {@code prefix}, which keeps one run's cameras apart from another's on a shared cluster.
   */
  public PacedCameras(ChunkSink publisher, List<VideoChunk> clip, Duration interval, int partitions, int cameras,
      String prefix) {
    this.publisher = publisher;
    this.clip = clip;
    this.interval = interval;
    this.partitions = partitions;
    this.cameras = cameras;
    this.prefix = prefix;
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      List<String> ids = new ArrayList<>();
      for (int camera = 0; camera < cameras; camera++) {
        ids.add(cameraOn(camera % partitions, camera));
      }
      live = List.copyOf(ids);
      long framesPerRound = clip.stream().mapToLong(ChunkTimeline::newFrames).sum();
      for (int round = 0; !stopping.get(); round++) {
        for (int i = 0; i < clip.size() && !stopping.get(); i++) {
          for (String id : ids) {
            VideoChunk original = clip.get(i);
            VideoChunk chunk = VideoChunk.newBuilder(original).setCameraId(id).setCaptureTimeMs(System.currentTimeMillis())
                .setSequence(original.getSequence() + (long) round * clip.size())
                .setFirstFrameIndex(original.getFirstFrameIndex() + round * framesPerRound).build();
            publisher.publish(chunk);
            LongStream.range(ChunkTimeline.firstNewFrameIndex(chunk), ChunkTimeline.nextFrameIndex(chunk))
                .forEach(frame -> published.add(new FrameId(chunk.getCameraId(), chunk.getSequence(), frame)));
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
  private String cameraOn(int partition, int camera) {
    for (int n = 0; ; n++) {
      String id = prefix + "-" + camera + "-" + n;
      if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        return id;
      }
    }
  }

  /** The cameras publishing now (empty before the first round starts). */
  public List<String> liveCameras() {
    return live;
  }

  /** Frames per second each camera publishes: the clip's frames per chunk over the interval. */
  public double framesPerSecondPerCamera() {
    return clip.stream().mapToInt(ChunkTimeline::newFrames).average().orElse(0) / (interval.toMillis() / 1000.0);
  }

  /** Stops publishing, waits until every chunk is acknowledged, and returns every frame published. */
  public Set<FrameId> stop() throws InterruptedException {
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
