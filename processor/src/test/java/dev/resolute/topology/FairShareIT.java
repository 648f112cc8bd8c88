package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.FrameCost;
import dev.resolute.testing.DistinctPartitions;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.traffic.ChunkPacer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cameras of the same clip, on two partitions that one stream thread owns, replayed together
 * faster than that thread segments at the full level, on a real broker: each camera's share is half
 * the thread, so both end on the same level and within one stride step, with lag bounded.
 */
@org.junit.jupiter.api.Tag("scenario") // a minute or more: run by ./resolute test, left out of plain mvn verify
class FairShareIT {
  private static final SyntheticScene SCENE = new SyntheticScene(640, 480, 20);
  private static final int MIN_FRAMES = 1200; // 60 s of source
  /**
   * The replay speed follows this machine's capacity: on a fast one, 60 s of source went by in
   * 8 s of wall time, before a cool-down had let the cameras step back together. The clip is made
   * long enough for this much wall time at the calibrated speed.
   */
  private static final int MIN_WALL_SECONDS = 45;
  /** Each camera's arrivals as a multiple of what the whole thread segments at the full level. */
  private static final double OVERLOAD = 2;

  @TempDir Path dir;

  @Test
  void shouldBringTwoEqualCamerasOnOneThreadToTheSameLevelWithinOneStrideStep() throws Exception {
    Path modelDir = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();
    double speed = OverloadCalibration.replaySpeed(modelDir, SCENE, OVERLOAD);
    int frames = Math.max(MIN_FRAMES, (int) Math.ceil(MIN_WALL_SECONDS * SCENE.fps() * speed));
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(SCENE, frames, FootageWriter.Codec.H264, clip);
    List<String> cameras = DistinctPartitions.cameras(2);

    List<FrameCost> costs;
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 2, (short) 1);
      }
      ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state")) // one stream thread
          .withControl(ControlConfig.defaults(Policy.ADAPTIVE).withCostCacheDir(dir.resolve("costs").toString()));
      try (ResoluteProcessor processor = new ResoluteProcessor(config, OnnxModel.load(modelDir));
          OutputCollector collector = new OutputCollector(kafka.bootstrapServers())) {
        processor.start(Duration.ofSeconds(60));
        ExecutorService replays = Executors.newFixedThreadPool(cameras.size());
        List<Future<?>> running = new ArrayList<>();
        for (String camera : cameras) {
          running.add(replays.submit(() -> {
            try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
              new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC())
                  .chunk(clip, camera, null, ChunkPacer.realTime(ChunkPacer.Plan.file(speed)).pacing(publisher::publish));
              publisher.flush();
            }
            return null;
          }));
        }
        for (Future<?> replay : running) {
          replay.get();
        }
        replays.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (collector.costs().size() < cameras.size() * frames && System.nanoTime() < deadline && processor.failure() == null) {
          collector.poll(Duration.ofMillis(500));
        }
        assertThat(processor.failure()).isNull();
        costs = List.copyOf(collector.costs());
      }
    }
    assertThat(costs).hasSize(cameras.size() * frames);
    List<FrameCost> a = lastThird(costs, cameras.get(0));
    List<FrameCost> b = lastThird(costs, cameras.get(1));
    FrameCost endA = a.get(a.size() - 1);
    FrameCost endB = b.get(b.size() - 1);
    System.out.printf("at %.1fx each: %s ends level %d x%d, %s level %d x%d; max lag in the last third %.2f s and %.2f s%n",
        speed, cameras.get(0), endA.getLevel(), endA.getStride(), cameras.get(1), endB.getLevel(), endB.getStride(),
        maxLagSeconds(a), maxLagSeconds(b));
    assertThat(endA.getLevel()).isEqualTo(endB.getLevel());
    assertThat(Math.abs(endA.getStride() - endB.getStride())).as("strides %d and %d", endA.getStride(), endB.getStride())
        .isLessThanOrEqualTo(1);
    assertThat(a.stream().mapToInt(FrameCost::getLevel).max().orElseThrow()).as("the thread could not carry both at the top level")
        .isPositive();
    // high-water 1 s; a batch's decision sees at most about one batch of lag beyond it on a busy machine
    assertThat(maxLagSeconds(a)).isLessThan(5.0);
    assertThat(maxLagSeconds(b)).isLessThan(5.0);
  }

  /** The camera's cost records of the last third of its clip, in frame order. */
  private static List<FrameCost> lastThird(List<FrameCost> costs, String camera) {
    List<FrameCost> own = costs.stream().filter(c -> c.getCameraId().equals(camera))
        .sorted(Comparator.comparingLong(FrameCost::getFrameIndex)).toList();
    return own.subList(2 * own.size() / 3, own.size());
  }

  private static double maxLagSeconds(List<FrameCost> costs) {
    return costs.stream().mapToLong(FrameCost::getLagMsAtDecision).max().orElseThrow() / 1000.0;
  }
}
