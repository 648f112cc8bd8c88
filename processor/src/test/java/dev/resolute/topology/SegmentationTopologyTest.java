package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.control.ActiveCameras;
import dev.resolute.control.BacklogProbe;
import dev.resolute.control.CameraHistory;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.CostCache;
import dev.resolute.control.LastDecision;
import dev.resolute.control.Policy;
import dev.resolute.control.WarmUpCache;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.time.SettableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topology logic only (routing, dead letters); the real-broker run is {@code SegmentationPipelineIT}. */
class SegmentationTopologyTest {
  @TempDir Path dir;
  private OnnxModel model;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> chunks;

  @BeforeEach
  void setUp() throws Exception {
    model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    driverWith(ControlConfig.defaults(Policy.FIXED), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), new WarmUpCache<>(),
        Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
    model.close();
  }

  @Test
  void shouldForwardOneMaskAndOneCostPerFrameKeyedByCamera() throws Exception {
    List<VideoChunk> produced = clipChunks("cam-7", 10, Clock.systemUTC());

    chunks.pipeInput("cam-7", AvroSerde.of(VideoChunk.class).toBytes(produced.get(0)));

    var masks = output(Topics.MASKS, SegmentationMask.class).readKeyValuesToList();
    var costs = output(Topics.FRAME_COSTS, FrameCost.class).readKeyValuesToList();
    assertThat(masks).hasSize(10).allSatisfy(kv -> assertThat(kv.key).isEqualTo("cam-7"));
    assertThat(masks).extracting(kv -> kv.value.getFrameIndex()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(costs).hasSize(10).extracting(kv -> kv.value.getBatchSize()).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 2, 2);
    assertThat(output(Topics.DEAD_LETTERS, DeadLetter.class).isEmpty()).isTrue();
    var decisions = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList();
    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.getPolicy()).isEqualTo("fixed");
      assertThat(d.getToLevel()).isZero();
      assertThat(d.getServiceMsPerLevel()).hasSize(4).allSatisfy(ms -> assertThat(ms).isPositive());
    });
  }

  @Test
  void shouldWarmUpOncePerResolutionAndSeedLaterCamerasOfThatSizeWithIt() throws Exception {
    Path file = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), 10, FootageWriter.Codec.FFV1, file);
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    for (String camera : List.of("cam-a", "cam-b")) {
      chunker.chunk(file, camera, null, chunk -> chunks.pipeInput(camera, serde.toBytes(chunk)));
    }

    var decisions = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList();
    assertThat(decisions).extracting(d -> d.getCameraId()).containsExactly("cam-a", "cam-b");
    // the second camera starts from the first one's measured figures, not from a warm-up of its own
    assertThat(decisions.get(1).getServiceMsPerLevel()).isEqualTo(decisions.get(0).getServiceMsPerLevel());
  }

  private TopologyTestDriver driverWith(ControlConfig control, java.util.function.Supplier<ChunkSegmenter> segmenters,
      WarmUpCache<ChunkSegmenter> warmUps) {
    return driverWith(control, segmenters, warmUps, Clock.systemUTC());
  }

  private TopologyTestDriver driverWith(ControlConfig control, java.util.function.Supplier<ChunkSegmenter> segmenters,
      WarmUpCache<ChunkSegmenter> warmUps, Clock clock) {
    return driverWith(control, segmenters, warmUps, CameraHistory.NONE, clock);
  }

  /** Replaces the test's driver with one on these settings, this history of decisions and this clock. */
  private TopologyTestDriver driverWith(ControlConfig control, java.util.function.Supplier<ChunkSegmenter> segmenters,
      WarmUpCache<ChunkSegmenter> warmUps, CameraHistory history, Clock clock) {
    if (driver != null) {
      driver.close();
    }
    Properties props = new Properties();
    props.put("application.id", "topology-test");
    props.put("bootstrap.servers", "unused:9092");
    driver = new TopologyTestDriver(SegmentationTopology.build(segmenters, control, BacklogProbe.UNKNOWN, new ActiveCameras(),
        warmUps, history, clock), props);
    chunks = driver.createInputTopic(Topics.VIDEO_CHUNKS, new StringSerializer(), new ByteArraySerializer());
    return driver;
  }

  private List<VideoChunk> clipChunks() throws Exception {
    return clipChunks("cam-c", 10, Clock.systemUTC());
  }

  /** A generated 64x48 clip of {@code frames} frames at 10 fps, cut into 1 s chunks of {@code camera}. */
  private List<VideoChunk> clipChunks(String camera, int frames, Clock clock) throws Exception {
    Path file = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), frames, FootageWriter.Codec.FFV1, file);
    List<VideoChunk> produced = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, clock).chunk(file, camera, null, produced::add);
    return produced;
  }

  @Test
  void shouldUseACachedCostTableWithoutAnyWarmUp() throws Exception {
    Path costs = dir.resolve("costs");
    new CostCache(costs, "model-cpu").store("64x48", new double[] {40, 30, 20, 10});
    java.util.concurrent.atomic.AtomicInteger workerSegmenters = new java.util.concurrent.atomic.AtomicInteger();
    try (WarmUpCache<ChunkSegmenter> warmUps = new WarmUpCache<>(new CostCache(costs, "model-cpu"), () -> {
      workerSegmenters.incrementAndGet();
      return new ChunkSegmenter(model, 4, Clock.systemUTC());
    })) {
      driverWith(ControlConfig.defaults(Policy.FIXED), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), warmUps);

      chunks.pipeInput("cam-c", AvroSerde.of(VideoChunk.class).toBytes(clipChunks().get(0)));
      warmUps.awaitWarmUps(60_000);

      var decision = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValue();
      assertThat(decision.getServiceMsPerLevel()).containsExactly(40.0, 30.0, 20.0, 10.0);
      assertThat(workerSegmenters).as("the warm-up worker never started").hasValue(0);
    }
  }

  @Test
  void shouldStartANewCameraFromTheProfilesCostsAndQuality() throws Exception {
    dev.resolute.profile.ProfileCosts profiled = dev.resolute.profile.ProfileCosts.of(
        dev.resolute.profile.TestProfiles.generatedAt64x48(List.of(1.0, 0.75, 0.5, 0.25)), model.descriptor());
    Path costs = dir.resolve("costs");
    new CostCache(costs, "model-cpu").store("64x48", new double[] {400, 300, 200, 100});
    CostCache cache = new CostCache(costs, "model-cpu");
    // as the processor builds it: the profile first
    dev.resolute.control.StartingCosts known = dev.resolute.control.StartingCosts.firstOf(List.of(profiled, cache));
    try (WarmUpCache<ChunkSegmenter> warmUps = new WarmUpCache<>(known, cache, null)) {
      driverWith(ControlConfig.defaults(Policy.FIXED), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), warmUps);

      chunks.pipeInput("cam-c", AvroSerde.of(VideoChunk.class).toBytes(clipChunks().get(0)));

      var decision = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValue();
      assertThat(decision.getServiceMsPerLevel()).as("the profile's, not the cached warm-up's").containsExactly(40.0, 30.0, 20.0, 10.0);
      assertThat(decision.getQualityPerLevel()).containsExactly(1.0, 0.95, 0.9, 0.85);
    }
  }

  @Test
  void shouldWarmUpASizeTheRateLimitTurnedAwayOnALaterChunkOfItsCamera() throws Exception {
    SettableClock warmUpClock = new SettableClock(1_000_000);
    CostCache costs = new CostCache(dir.resolve("costs"), "model-cpu");
    // no worker: warm-ups run on the stream thread, so each chunk sees what its request did
    try (WarmUpCache<ChunkSegmenter> warmUps = new WarmUpCache<>(costs, costs, null,
        new dev.resolute.control.WarmUpLimits(8, Duration.ofSeconds(10)), warmUpClock)) {
      driverWith(ControlConfig.defaults(Policy.ADAPTIVE), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), warmUps);
      AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
      List<VideoChunk> small = clipChunks("cam-a", 20, Clock.systemUTC());
      Path larger = dir.resolve("larger.mkv");
      FootageWriter.write(new SyntheticScene(96, 64, 10), 20, FootageWriter.Codec.FFV1, larger);
      List<VideoChunk> large = new ArrayList<>();
      new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(larger, "cam-b", null, large::add);

      chunks.pipeInput("cam-a", serde.toBytes(small.get(0)));
      chunks.pipeInput("cam-b", serde.toBytes(large.get(0)));
      assertThat(warmUps.get(96, 64)).as("a second new size within the interval is turned away").isNull();

      warmUpClock.now += 10_000;
      chunks.pipeInput("cam-b", serde.toBytes(large.get(1)));

      assertThat(warmUps.get(96, 64)).as("warmed up on the camera's next chunk").hasSize(4);
      assertThat(output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList())
          .filteredOn(d -> d.getCameraId().equals("cam-b")).anySatisfy(d -> assertThat(d.getReason()).startsWith("warm-up done"));
    }
  }

  @Test
  void shouldSegmentACameraWithNoCostsAtOnceOnTheCheapestLevelAndSwitchWhenTheBackgroundWarmUpIsDone() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Path costs = dir.resolve("costs");
    try (WarmUpCache<ChunkSegmenter> warmUps = new WarmUpCache<>(new CostCache(costs, "model-cpu"), () -> {
      try {
        release.await(); // the warm-up cannot finish before the first chunk's masks are out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ChunkSegmenter(model, 4, Clock.systemUTC());
    })) {
      driverWith(ControlConfig.defaults(Policy.ADAPTIVE), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), warmUps);
      List<VideoChunk> clip = clipChunks();
      AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);

      chunks.pipeInput("cam-c", serde.toBytes(clip.get(0)));
      var firstMasks = output(Topics.MASKS, SegmentationMask.class).readValuesToList();
      release.countDown();
      assertThat(warmUps.awaitWarmUps(60_000)).isTrue();
      VideoChunk first = clip.get(0);
      chunks.pipeInput("cam-c", serde.toBytes(VideoChunk.newBuilder(first).setSequence(first.getSequence() + 1)
          .setCaptureTimeMs(first.getCaptureTimeMs() + 3_000).build()));

      assertThat(firstMasks).isNotEmpty().allSatisfy(m -> assertThat(m.getInferenceWidth()).isLessThan(64));
      var decisions = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList();
      assertThat(decisions).singleElement().satisfies(d -> {
        assertThat(d.getReason()).startsWith("warm-up done");
        assertThat(d.getFromLevel()).isEqualTo(3);
        assertThat(d.getServiceMsPerLevel()).hasSize(4).allSatisfy(ms -> assertThat(ms).isPositive());
      });
      assertThat(new CostCache(costs, "model-cpu").costsFor(64, 48)).as("kept for the next start").hasSize(4);
    }
  }

  @Test
  void shouldDeadLetterIdsThatAreNotNamesKeysThatAreNotTheCameraAndTimesAheadBeforeTheControllerSeesThem() throws Exception {
    List<VideoChunk> produced = clipChunks("cam-6", 20, Clock.systemUTC());
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    VideoChunk good = produced.get(1);
    String hugeId = "x".repeat(100_000);

    chunks.pipeInput("cam-6", serde.toBytes(produced.get(0)));
    chunks.pipeInput(hugeId, serde.toBytes(VideoChunk.newBuilder(good).setCameraId(hugeId).build()));
    chunks.pipeInput("__proto__<script>", serde.toBytes(VideoChunk.newBuilder(good).setCameraId("__proto__<script>").build()));
    chunks.pipeInput("cam-7", serde.toBytes(good));
    chunks.pipeInput("cam-6", serde.toBytes(VideoChunk.newBuilder(good)
        .setCaptureTimeMs(good.getCaptureTimeMs() + Duration.ofHours(2).toMillis()).build()));
    chunks.pipeInput("cam-6", serde.toBytes(good));

    List<DeadLetter> letters = output(Topics.DEAD_LETTERS, DeadLetter.class).readValuesToList();
    assertThat(letters).extracting(DeadLetter::getReason).satisfiesExactly(
        r -> assertThat(r).contains("100000 characters long"),
        r -> assertThat(r).contains("has characters other than"),
        r -> assertThat(r).contains("record key 'cam-7'"),
        r -> assertThat(r).contains("ahead of now"));
    assertThat(letters).extracting(DeadLetter::getReason).as("no attacker text of unbounded length")
        .allSatisfy(r -> assertThat(r.length()).isLessThan(300));
    List<FrameCost> costs = output(Topics.FRAME_COSTS, FrameCost.class).readValuesToList();
    assertThat(costs).hasSize(20).allSatisfy(c -> assertThat(c.getCameraId()).isEqualTo("cam-6"));
    // the chunk 2 h ahead never reached the arrival estimate: the good chunks' 10 frames a second remain
    assertThat(costs.get(19).getArrivalFps()).isBetween(5.0, 20.0);
    assertThat(output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList())
        .allSatisfy(d -> assertThat(d.getCameraId()).isEqualTo("cam-6"));
  }

  @Test
  void shouldDeadLetterAChunkWithImpossibleHeadersAndKeepGoing() throws Exception {
    List<VideoChunk> produced = clipChunks("cam-3", 20, Clock.systemUTC());
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);

    chunks.pipeInput("cam-3", serde.toBytes(VideoChunk.newBuilder(produced.get(0)).setFrameCount(0).build()));
    chunks.pipeInput("cam-3", serde.toBytes(VideoChunk.newBuilder(produced.get(0)).setFps(0).build()));
    chunks.pipeInput("cam-3", serde.toBytes(VideoChunk.newBuilder(produced.get(0)).setContainer("concat").build()));
    chunks.pipeInput("cam-3", serde.toBytes(produced.get(1)));

    assertThat(output(Topics.DEAD_LETTERS, DeadLetter.class).readValuesToList()).extracting(DeadLetter::getReason)
        .satisfiesExactly(
            r -> assertThat(r).contains("declares 0 frames"),
            r -> assertThat(r).contains("frame rate of 0"),
            r -> assertThat(r).contains("container 'concat'"));
    assertThat(output(Topics.MASKS, SegmentationMask.class).readValuesToList()).hasSize(10);
  }

  @Test
  void shouldLeaveTheControllerUntouchedByAbsurdOrUndecodableChunksItDeadLetters() throws Exception {
    List<VideoChunk> produced = clipChunks("cam-5", 30, Clock.systemUTC());
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    VideoChunk good = produced.get(1);
    byte[] payload = new byte[good.getPayload().remaining()];
    good.getPayload().duplicate().get(payload);
    byte[] truncated = java.util.Arrays.copyOf(payload, payload.length / 3);

    chunks.pipeInput("cam-5", serde.toBytes(produced.get(0)));
    List<VideoChunk> hostile = List.of(
        VideoChunk.newBuilder(good).setFps(1e9).build(),
        VideoChunk.newBuilder(good).setFps(Double.NaN).build(),
        VideoChunk.newBuilder(good).setFrameCount(Integer.MAX_VALUE).build(),
        VideoChunk.newBuilder(good).setFrameCount(-5).build(),
        VideoChunk.newBuilder(good).setWidth(100_000).setHeight(100_000).build(),
        VideoChunk.newBuilder(good).setCaptureTimeMs(5_000).build(),
        VideoChunk.newBuilder(good).setPayload(java.nio.ByteBuffer.wrap(truncated)).build());
    hostile.forEach(chunk -> chunks.pipeInput("cam-5", serde.toBytes(chunk)));
    chunks.pipeInput("cam-5", serde.toBytes(produced.get(2)));

    assertThat(output(Topics.DEAD_LETTERS, DeadLetter.class).readValuesToList()).extracting(DeadLetter::getReason)
        .satisfiesExactly(
            r -> assertThat(r).contains("frame rate of 1.0E9"),
            r -> assertThat(r).contains("frame rate of NaN"),
            r -> assertThat(r).contains("would take").contains("MiB decoded"),
            r -> assertThat(r).contains("declares -5 frames"),
            r -> assertThat(r).contains("100000x100000"),
            r -> assertThat(r).contains("1970-01-01").contains("not a wall-clock time"),
            r -> assertThat(r).contains("decoded"));
    List<FrameCost> costs = output(Topics.FRAME_COSTS, FrameCost.class).readValuesToList();
    assertThat(costs).hasSize(20);
    // the good chunk after the hostile ones sees the arrivals of the good chunks only: 10 frames in 1 s
    assertThat(costs.get(19).getArrivalFps()).isBetween(0.0, 20.0);
    assertThat(costs).allSatisfy(c -> assertThat(c.getDesiredReplicas()).isLessThanOrEqualTo(1));
    assertThat(output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList()).hasSize(1);
  }

  @Test
  void shouldForgetACameraIdleForTheConfiguredTimeAndStartItAfreshWhenItReturns() throws Exception {
    SettableClock movable = new SettableClock(System.currentTimeMillis());
    ControlConfig control = ControlConfig.from(java.util.Map.of(ControlConfig.POLICY, "fixed", ControlConfig.IDLE_EVICTION, "60000"));
    driverWith(control, () -> new ChunkSegmenter(model, 4, movable), new WarmUpCache<>(), movable);
    List<VideoChunk> produced = clipChunks("cam-x", 10, movable);
    byte[] chunk = AvroSerde.of(VideoChunk.class).toBytes(produced.get(0));

    chunks.pipeInput("cam-x", chunk);
    movable.advance(61_000);
    chunks.pipeInput("cam-y", AvroSerde.of(VideoChunk.class).toBytes(VideoChunk.newBuilder(produced.get(0)).setCameraId("cam-y").build()));
    chunks.pipeInput("cam-x", chunk);

    var decisions = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList();
    assertThat(decisions).extracting(d -> d.getCameraId()).as("cam-x starts afresh, with a decision")
        .containsExactly("cam-x", "cam-y", "cam-x");
  }

  @Test
  void shouldResumeACameraFromItsLastDecisionAndPublishWhereItResumedFrom() throws Exception {
    // another instance owned cam-c until a rebalance: level 2 at stride 2, its costs and quality measured
    LastDecision last = new LastDecision(1_700_000_000_000L, 2, 2, new double[] {40, 30, 20, 10},
        new double[] {1, 0.95, 0.9, 0.8}, 10);
    CameraHistory history = camera -> camera.equals("cam-c") ? last : null;
    driverWith(ControlConfig.defaults(Policy.ADAPTIVE), () -> new ChunkSegmenter(model, 4, Clock.systemUTC()), new WarmUpCache<>(),
        history, Clock.systemUTC());

    chunks.pipeInput("cam-c", AvroSerde.of(VideoChunk.class).toBytes(clipChunks().get(0)));

    var decisions = output(Topics.CONTROL_DECISIONS, dev.resolute.schemas.ControlDecision.class).readValuesToList();
    assertThat(decisions).first().satisfies(d -> {
      assertThat(d.getReason()).startsWith("resumed from the decision of 2023-11-14T22:13:20Z (level 2 x2)");
      assertThat(d.getFromLevel()).isEqualTo(2);
      assertThat(d.getServiceMsPerLevel()).as("its measured costs, not a warm-up's").startsWith(40.0, 30.0);
      assertThat(d.getQualityPerLevel()).startsWith(1.0, 0.95);
    });
    List<FrameCost> costs = output(Topics.FRAME_COSTS, FrameCost.class).readValuesToList();
    assertThat(costs).hasSize(10).allSatisfy(c -> {
      assertThat(c.getLevel()).isEqualTo(2);
      assertThat(c.getStride()).isEqualTo(2);
    });
    assertThat(costs).filteredOn(FrameCost::getSkipped).hasSize(5);
  }

  @Test
  void shouldDeadLetterBytesThatAreNotAChunkExactlyAsTheyArrived() {
    byte[] junk = {0x42, 0x13, 0x37};

    chunks.pipeInput("cam-9", junk);

    DeadLetter letter = output(Topics.DEAD_LETTERS, DeadLetter.class).readValue();
    assertThat(letter.getReason()).contains("not a VideoChunk");
    assertThat(letter.getKey()).isEqualTo("cam-9");
    assertThat(letter.getOffset()).isZero();
    assertThat(letter.getOriginalBytes().array()).isEqualTo(junk);
    assertThat(output(Topics.MASKS, SegmentationMask.class).isEmpty()).isTrue();
  }

  private <T extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
    return driver.createOutputTopic(topic, new StringDeserializer(), AvroSerde.of(type).deserializer());
  }
}
