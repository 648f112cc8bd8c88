package dev.resolute.testkit.traffic;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

/**
 * Live cameras for as long as a run needs them: a {@link ChunkPacer} on its own thread that replays
 * one clip's chunks at a steady pace, camera {@code i} on partition {@code i mod partitions} of the
 * chunk topic so that every partition has work, noting every frame it published. When the clip runs
 * out the same cameras go on with it, their chunk numbers and frame indices counting on, so that
 * every (camera, chunk, frame) is published once and the controller sees a steady set of cameras
 * (new ones every few seconds would shrink each one's share of the capacity). Frame times repeat
 * from round to round: the processor reads them within a chunk only.
 */
public final class PacedCameras implements AutoCloseable {
  private final ChunkSink publisher;
  private final List<VideoChunk> clip;
  private final Duration interval;
  private final ChunkPacer pacer;
  private final List<String> ids;
  private final Set<FrameId> published = ConcurrentHashMap.newKeySet();
  private volatile boolean started;
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
    ChunkPacer.Plan plan = ChunkPacer.Plan.cameras(interval, cameras, prefix, partitions);
    this.ids = ((ChunkPacer.Naming.PinnedToPartitions) plan.naming()).ids(cameras);
    this.pacer = ChunkPacer.realTime(plan);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      started = true;
      pacer.play(clip, chunk -> {
        publisher.publish(chunk);
        LongStream.range(ChunkTimeline.firstNewFrameIndex(chunk), ChunkTimeline.nextFrameIndex(chunk))
            .forEach(frame -> published.add(new FrameId(chunk.getCameraId(), chunk.getSequence(), frame)));
      }, progress -> { });
    } catch (ChunkPacer.Interrupted e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  /** The cameras publishing now (empty before the first round starts). */
  public List<String> liveCameras() {
    return started ? ids : List.of();
  }

  /** Frames per second each camera publishes: the clip's frames per chunk over the interval. */
  public double framesPerSecondPerCamera() {
    return clip.stream().mapToInt(ChunkTimeline::newFrames).average().orElse(0) / (interval.toMillis() / 1000.0);
  }

  /** Stops publishing, waits until every chunk is acknowledged, and returns every frame published. */
  public Set<FrameId> stop() throws InterruptedException {
    pacer.stop();
    thread.join(30_000);
    publisher.flush();
    if (failure != null) {
      throw new IllegalStateException("publishing failed: " + failure, failure);
    }
    return Set.copyOf(published);
  }

  @Override
  public void close() {
    pacer.stop();
    publisher.close();
  }
}
