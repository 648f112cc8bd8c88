package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.config.KafkaClientConfig;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.metrics.CameraSeries;
import dev.resolute.metrics.CostRecordFeed;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.FrameCost;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.traffic.ChunkPacer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same clip replayed faster than the processor's full-level capacity, once per policy, each on
 * its own real broker: the adaptive processor steps down and keeps its lag bounded while the fixed
 * one falls behind. Ratios only; absolute times depend on the machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdaptiveControlIT {
  private static final SyntheticScene SCENE = new SyntheticScene(640, 480, 20);
  private static final int FRAMES = 600; // 30 s of source
  /** Arrivals as a multiple of the full level's capacity on the machine running the test. */
  private static final double OVERLOAD = 4; // wide margin: the calibration itself can be off by 2x on a busy machine

  @TempDir static Path dir;
  private double speed;
  private Run fixed;
  private Run adaptive;

  /** @param gauges camera cam's gauges as the metrics feed left them, by meter name, once it had read every cost record */
  record Run(List<FrameCost> costs, List<ControlDecision> decisions, Map<String, Double> gauges) {
    double maxLagSeconds() {
      return costs.stream().mapToLong(FrameCost::getLagMsAtDecision).max().orElseThrow() / 1000.0;
    }
  }

  @BeforeAll
  void replayTheClipUnderEachPolicy() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(SCENE, FRAMES, FootageWriter.Codec.H264, clip);
    Path modelDir = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();
    speed = OverloadCalibration.replaySpeed(modelDir, SCENE, OVERLOAD);
    fixed = replay(clip, modelDir, Policy.FIXED);
    adaptive = replay(clip, modelDir, Policy.ADAPTIVE);
    System.out.printf("max lag at %.1fx: fixed %.2f s, adaptive %.2f s (%d decisions)%n", speed, fixed.maxLagSeconds(),
        adaptive.maxLagSeconds(), adaptive.decisions().size());
  }

  private Run replay(Path clip, Path modelDir, Policy policy) throws Exception {
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 1, (short) 1);
      }
      ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state-" + policy.id()))
          .withControl(ControlConfig.defaults(policy).withCostCacheDir(dir.resolve("costs-" + policy.id()).toString()));
      MeterRegistry meters = new SimpleMeterRegistry();
      try (ResoluteProcessor processor = new ResoluteProcessor(config, OnnxModel.load(modelDir));
          OutputCollector collector = new OutputCollector(kafka.bootstrapServers());
          CostRecordFeed feed = new CostRecordFeed(meters, kafka.bootstrapServers(), KafkaClientConfig.none(),
              "adaptive-" + policy.id(), new CameraSeries(1), Duration.ofMinutes(10)).start()) {
        processor.start(Duration.ofSeconds(60));
        assertThat(feed.awaitAssignment(Duration.ofSeconds(60))).as("the metrics feed's partitions").isTrue();
        try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
          new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC())
              .chunk(clip, "cam", null, ChunkPacer.realTime(ChunkPacer.Plan.file(speed)).pacing(publisher::publish));
          publisher.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (collector.costs().size() < FRAMES && System.nanoTime() < deadline && processor.failure() == null) {
          collector.poll(Duration.ofMillis(500));
        }
        assertThat(processor.failure()).isNull();
        assertThat(collector.costs()).as("cost records under %s", policy).hasSize(FRAMES);
        while (framesFiled(meters) < FRAMES && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(framesFiled(meters)).as("frames the metrics feed filed under %s", policy).isEqualTo(FRAMES);
        // read before the feed closes: leaving its group revokes the partition, and the camera's meters go with it
        Map<String, Double> gauges = new java.util.HashMap<>();
        for (String name : List.of("resolute.level", "resolute.stride", "resolute.desired.replicas", "resolute.arrival.rate")) {
          Gauge gauge = meters.find(name).tag("camera", "cam").gauge();
          if (gauge != null) {
            gauges.put(name, gauge.value());
          }
        }
        return new Run(List.copyOf(collector.costs()), List.copyOf(collector.decisions()), gauges);
      }
    }
  }

  @Test
  void shouldStepDownUnderOverloadAndPublishTheDecision() {
    assertThat(adaptive.decisions()).anySatisfy(d -> {
      assertThat(d.getPolicy()).isEqualTo("adaptive");
      // a cold start (no cost cache) begins on the cheapest level: under overload it may step down
      // to a larger stride, or, its costs measured right, only ever step up to a level below the top
      // one; either way the level it settles on is cheaper than the top level and a decision says so
      assertThat(d.getToLevel() > 0 || d.getToStride() > 1).as("a setting cheaper than the top level").isTrue();
      assertThat(d.getReason()).isNotBlank();
      assertThat(d.getArrivalFps()).isPositive();
      assertThat(d.getPredictedCapacityFps()).isPositive();
    });
    assertThat(adaptive.costs()).anySatisfy(c -> assertThat(c.getLevel()).isPositive());
    assertThat(fixed.costs()).allSatisfy(c -> assertThat(c.getLevel()).isZero());
  }

  @Test
  void shouldKeepLagFarBelowTheFixedPolicysOnTheSameInput() {
    assertThat(fixed.maxLagSeconds()).as("the fixed policy fell behind").isGreaterThan(3 * adaptive.maxLagSeconds());
  }

  @Test
  void shouldPublishTheControllerStateOfTheLatestFrameAsGauges() {
    FrameCost last = adaptive.costs().get(adaptive.costs().size() - 1);
    assertThat(adaptive.gauges()).containsEntry("resolute.level", (double) last.getLevel())
        .containsEntry("resolute.stride", (double) last.getStride())
        .containsEntry("resolute.desired.replicas", (double) last.getDesiredReplicas())
        .containsEntry("resolute.arrival.rate", last.getArrivalFps());
  }

  private static double framesFiled(MeterRegistry meters) {
    return meters.find("resolute.frames.in").counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
