package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ProcessorMeters;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.CameraHealth;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.IngestMetrics;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.topology.TopicSetup;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes {@code /metrics} of a running processor on a real broker after known footage went
 * through it, and checks the series against what was fed and what the processor published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndpointIT {
  private static final SyntheticScene SCENE = new SyntheticScene(160, 120, 12);
  private static final int FRAMES = 36; // 3 s
  private static final String CLEAN = "cam-clean";
  private static final String BROKEN = "cam-broken";
  private static final String IDLE_LIVE = "cam-live-idle";
  private static final long CORRUPT_SEQUENCE = 1;

  @TempDir static Path dir;
  private KafkaCluster kafka;
  private ResoluteProcessor processor;
  private OnnxModel model;
  private MetricsExport export;
  private ProcessorMeters meters;
  private IngestMetrics ingest;
  private final CameraHealth idleHealth = new CameraHealth(); // held: a gauge keeps only a weak reference
  private final Map<String, Long> framesPublished = new HashMap<>();
  private VideoChunk corrupted;
  private OutputCollector outputs;
  private Scrape scrape;

  @BeforeAll
  void runFootageThroughAProcessorWithMetrics() throws Exception {
    kafka = KafkaTestCluster.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, 2, (short) 1);
    }
    Path footage = dir.resolve("footage.mkv");
    FootageWriter.write(SCENE, FRAMES, FootageWriter.Codec.H264, footage);
    model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
        .withControl(ControlConfig.defaults(Policy.FIXED).withCostCacheDir(dir.resolve("costs").toString()));
    export = MetricsExport.serve(0);
    processor = new ResoluteProcessor(config, model);
    meters = ProcessorMeters.bind(export.registry(), processor, config, model);
    // a live camera that never connected: its health series must be served all the same
    ingest = new IngestMetrics(export.registry());
    ingest.bind(IDLE_LIVE, idleHealth, Clock.systemUTC());
    processor.start(Duration.ofSeconds(60));
    assertThat(meters.awaitFeed(Duration.ofSeconds(60))).as("metrics feed assigned").isTrue();

    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
      for (String camera : List.of(CLEAN, BROKEN)) {
        chunker.chunk(footage, camera, null, chunk -> {
          framesPublished.merge(camera, (long) chunk.getFrameCount(), Long::sum);
          publisher.publish(camera.equals(BROKEN) && chunk.getSequence() == CORRUPT_SEQUENCE ? corrupt(chunk) : chunk);
        });
      }
      publisher.flush();
    }
    long expectedCosts = framesPublished.values().stream().mapToLong(Long::longValue).sum() - corrupted.getFrameCount();
    outputs = new OutputCollector(kafka.bootstrapServers());
    await("every frame's cost record and the dead letter").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          outputs.poll(Duration.ofMillis(300));
          return processor.failure() != null || (outputs.costs().size() >= expectedCosts && !outputs.deadLetters().isEmpty());
        });
    assertThat(processor.failure()).as("processor failure").isNull();
    // the feed reads the same committed records on its own thread: scrape until it has caught up
    long framesIn = framesPublished.values().stream().mapToLong(Long::longValue).sum();
    await("the scrape to catch up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      scrape = Scrape.of(export.port().orElseThrow());
      return scrape.sum("resolute_frames_in_total", Map.of()) >= framesIn
          && scrape.find("resolute_level", Map.of("camera", BROKEN)).size() == 1
          && scrape.find("resolute_level", Map.of("camera", CLEAN)).size() == 1;
    });
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.write(target.resolve("scraped-series.txt"), scrape.names());
  }

  @AfterAll
  void tearDown() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {outputs, ingest, meters, processor, export, kafka}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void shouldServeThePrometheusTextFormat() {
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.contentType()).startsWith("text/plain; version=0.0.4");
  }

  @Test
  void shouldCountEveryPublishedFrameAsInOnceDeadLetteredOnesIncluded() {
    assertThat(scrape.sum("resolute_frames_in_total", Map.of("camera", CLEAN))).isEqualTo(framesPublished.get(CLEAN).doubleValue());
    // the dead letter's frames count under its camera if the feed read that camera's costs first, else under (other)
    assertThat(scrape.sum("resolute_frames_in_total", Map.of("camera", BROKEN))
        + scrape.sum("resolute_frames_in_total", Map.of("camera", CameraSeries.OTHER))).isEqualTo(framesPublished.get(BROKEN).doubleValue());
  }

  @Test
  void shouldCountEveryPublishedMaskAsOut() {
    for (String camera : List.of(CLEAN, BROKEN)) {
      long masks = outputs.masks().stream().filter(m -> m.getCameraId().equals(camera)).count();
      assertThat(masks).isPositive();
      assertThat(scrape.sum("resolute_masks_out_total", Map.of("camera", camera))).as(camera).isEqualTo(masks);
      assertThat(scrape.sum("resolute_masks_out_total", Map.of("camera", camera, "level", "0"))).as("fixed policy: level 0").isEqualTo(masks);
      assertThat(scrape.sum("resolute_end_to_end_latency_seconds_count", Map.of("camera", camera))).isEqualTo(masks);
      assertThat(scrape.sum("resolute_frames_skipped_total", Map.of("camera", camera))).isZero();
    }
  }

  @Test
  void shouldCountTheCorruptChunkByItsKindOfFailureNotByCameraOrText() {
    assertThat(outputs.deadLetters()).hasSize(1);
    assertThat(scrape.find("resolute_dead_letters_total", Map.of())).extracting(s -> s.labels().keySet()).containsOnly(Set.of("reason"));
    assertThat(scrape.find("resolute_dead_letters_total", Map.of("reason", "undecodable"))).singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(scrape.sum("resolute_dead_letters_total", Map.of())).isEqualTo(1.0);
  }

  @Test
  void shouldShowEachCameraControllerStateAsOfItsLatestFrame() {
    for (String camera : List.of(CLEAN, BROKEN)) {
      FrameCost latest = outputs.costs().stream().filter(c -> c.getCameraId().equals(camera)).reduce((a, b) -> b).orElseThrow();
      Map<String, String> tag = Map.of("camera", camera);
      assertThat(scrape.sum("resolute_level", tag)).isEqualTo(latest.getLevel());
      assertThat(scrape.sum("resolute_stride", tag)).isEqualTo(latest.getStride());
      assertThat(scrape.sum("resolute_desired_replicas", tag)).isEqualTo(latest.getDesiredReplicas());
      assertThat(scrape.sum("resolute_backlog_records", tag)).isEqualTo(latest.getBacklogRecords());
      assertThat(scrape.sum("resolute_lag_seconds", tag)).isEqualTo(latest.getLagMsAtDecision() / 1000.0);
      assertThat(scrape.sum("resolute_arrival_rate_fps", tag)).isEqualTo(latest.getArrivalFps());
      assertThat(scrape.find("resolute_stride", tag)).as("fixed policy: every frame").singleElement()
          .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    }
    assertThat(scrape.names()).as("the controller's figures, published once").noneMatch(n -> n.startsWith("kafka_resolute_control"));
  }

  @Test
  void shouldTimeEveryStepOfEveryMaskedFrameByLevel() {
    long masks = outputs.masks().size();
    for (String step : List.of("decode", "resize", "inference", "upsample", "encode")) {
      assertThat(scrape.sum("resolute_step_seconds_count", Map.of("step", step, "level", "0"))).as(step).isEqualTo(masks);
    }
    assertThat(scrape.sum("resolute_frame_processing_seconds_count", Map.of("level", "0"))).isEqualTo(masks);
    assertThat(scrape.sum("resolute_frame_processing_seconds_sum", Map.of("level", "0"))).isPositive();
    // the SLO buckets are cumulative: the last finite one holds at most every frame
    assertThat(scrape.find("resolute_end_to_end_latency_seconds_bucket", Map.of("camera", CLEAN, "le", "+Inf")))
        .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(scrape.sum("resolute_masks_out_total", Map.of("camera", CLEAN))));
  }

  @Test
  void shouldNameTheEngineAndDevice() {
    assertThat(scrape.find("resolute_engine_info", Map.of("engine", model.engine(), "device", model.device(),
        "model", model.descriptor().id()))).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
  }

  @Test
  void shouldServeIngestHealthAndJvmMeters() {
    assertThat(scrape.find("resolute_ingest_connected", Map.of("camera", IDLE_LIVE))).singleElement()
        .satisfies(s -> assertThat(s.value()).isZero());
    assertThat(scrape.sum("resolute_ingest_chunks_total", Map.of("camera", IDLE_LIVE))).isZero();
    assertThat(scrape.sum("jvm_memory_used_bytes", Map.of())).isPositive();
    assertThat(scrape.sum("process_uptime_seconds", Map.of())).isPositive();
  }

  @Test
  void shouldServeEverySeriesTheDashboardAndReadmeName() throws Exception {
    assertThat(scrape.names()).containsAll(DashboardSeries.read());
  }

  private VideoChunk corrupt(VideoChunk chunk) {
    byte[] garbage = new byte[chunk.getPayload().remaining()];
    new Random(7).nextBytes(garbage);
    corrupted = VideoChunk.newBuilder(chunk).setPayload(ByteBuffer.wrap(garbage)).build();
    return corrupted;
  }
}
