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
import dev.resolute.mask.ClassIou;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real broker: generated footage is chunked, published, segmented by the real
 * topology with a real ONNX model, and every published mask is scored against the known labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentationPipelineIT {
  private static final SyntheticScene SCENE = new SyntheticScene(160, 120, 12);
  private static final int FRAMES = 120; // 10 s
  private static final String LOSSLESS = "cam-ffv1";
  private static final String H264 = "cam-h264";
  private static final long CORRUPT_SEQUENCE = 4;

  @TempDir static Path dir;
  private KafkaCluster kafka;
  private ResoluteProcessor processor;
  private final List<VideoChunk> corrupted = new ArrayList<>();
  private final OutputHolder output = new OutputHolder();

  @BeforeAll
  void runThePipeline() throws Exception {
    kafka = KafkaTestCluster.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, 2, (short) 1);
    }
    Path lossless = dir.resolve("lossless.mkv");
    Path h264 = dir.resolve("h264.mkv");
    FootageWriter.write(SCENE, FRAMES, FootageWriter.Codec.FFV1, lossless);
    FootageWriter.write(SCENE, FRAMES, FootageWriter.Codec.H264, h264);

    OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
        .withControl(ControlConfig.defaults(Policy.FIXED).withCostCacheDir(dir.resolve("costs").toString())); // the full level throughout: masks are scored against truth
    processor = new ResoluteProcessor(config, model);
    processor.start(Duration.ofSeconds(60));

    long ingestStartMs = System.currentTimeMillis();
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
      chunker.chunk(lossless, LOSSLESS, null, publisher::publish);
      chunker.chunk(h264, H264, null, chunk -> publisher.publish(
          chunk.getSequence() == CORRUPT_SEQUENCE ? corrupt(chunk) : chunk));
      publisher.flush();
    }

    long expectedMasks = 2L * FRAMES - corrupted.get(0).getFrameCount();
    try (OutputCollector collector = new OutputCollector(kafka.bootstrapServers())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      while ((collector.masks().size() < expectedMasks || collector.costs().size() < expectedMasks
          || collector.deadLetters().isEmpty()) && System.nanoTime() < deadline && processor.failure() == null) {
        collector.poll(Duration.ofMillis(500));
      }
      collector.poll(Duration.ofSeconds(2)); // anything beyond the expected count would be a duplicate
      output.masks = collector.masks();
      output.costs = collector.costs();
      output.deadLetters = collector.deadLetters();
    }
    output.elapsedMs = System.currentTimeMillis() - ingestStartMs;
    assertThat(processor.failure()).as("processor failure").isNull();
  }

  @AfterAll
  void tearDown() {
    if (processor != null) {
      processor.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldPublishExactlyOneMaskPerFrameInOrderPerCamera() {
    long corruptFirst = corrupted.get(0).getFirstFrameIndex();
    long corruptEnd = corruptFirst + corrupted.get(0).getFrameCount();
    assertThat(frameIndices(LOSSLESS)).containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
    assertThat(frameIndices(H264)).containsExactlyElementsOf(
        LongStream.range(0, FRAMES).filter(i -> i < corruptFirst || i >= corruptEnd).boxed().toList());
  }

  @Test
  void shouldPublishMasksAtTheSourceSizeThatScoreHighAgainstTheTrueLabels() throws Exception {
    assertThat(meanIou(LOSSLESS)).as("mIoU on lossless footage").isGreaterThanOrEqualTo(0.99);
    assertThat(meanIou(H264)).as("mIoU on H.264 footage").isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void shouldSetEveryFieldOfEveryCostRecord() {
    assertThat(output.costs).hasSameSizeAs(output.masks);
    assertThat(output.costs).allSatisfy(cost -> {
      assertThat(cost.getCameraId()).isIn(LOSSLESS, H264);
      assertThat(cost.getDecodeMs()).isPositive();
      assertThat(cost.getResizeMs()).isPositive();
      assertThat(cost.getInferenceMs()).isPositive();
      assertThat(cost.getUpsampleMs()).isPositive();
      assertThat(cost.getEncodeMs()).isPositive();
      // no frame can have waited longer than the whole run: catches capture times off the timeline
      assertThat(cost.getEndToEndLatencyMs()).isPositive().isLessThan((double) output.elapsedMs);
      assertThat(cost.getInferenceWidth()).isEqualTo(SCENE.width());
      assertThat(cost.getInferenceHeight()).isEqualTo(SCENE.height());
      assertThat(cost.getLevel()).isZero();
      assertThat(cost.getGflops()).isPositive();
      assertThat(cost.getMemoryBytes()).isPositive();
      assertThat(cost.getLagMsAtDecision()).isNotNegative();
      assertThat(cost.getEngine()).isEqualTo("OnnxRuntime");
      assertThat(cost.getDevice()).isEqualTo("cpu");
      assertThat(cost.getBatchSize()).isBetween(1, 8);
      assertThat(cost.getStride()).isEqualTo(1);
      assertThat(cost.getSkipped()).isFalse();
      assertThat(cost.getQualityEstimate()).isEqualTo(1.0);
      assertThat(cost.getDesiredReplicas()).isPositive();
      assertThat(cost.getArrivalFps()).isNotNegative();
      assertThat(cost.getBacklogRecords()).isNotNegative();
      assertThat(cost.getPolicy()).isEqualTo("fixed");
    });
  }

  @Test
  void shouldDeadLetterTheCorruptChunkWithItsReasonAndOriginalBytes() {
    assertThat(output.deadLetters).hasSize(1);
    DeadLetter letter = output.deadLetters.get(0);
    assertThat(letter.getSourceTopic()).isEqualTo(Topics.VIDEO_CHUNKS);
    assertThat(letter.getKey()).isEqualTo(H264);
    assertThat(letter.getReason()).contains("chunk " + CORRUPT_SEQUENCE).contains(H264);
    VideoChunk original = AvroSerde.of(VideoChunk.class).fromBytes(bytes(letter.getOriginalBytes()));
    assertThat(original).isEqualTo(corrupted.get(0));
  }

  private List<Long> frameIndices(String camera) {
    return output.masks.stream().filter(m -> m.getCameraId().equals(camera)).map(SegmentationMask::getFrameIndex).toList();
  }

  private double meanIou(String camera) throws Exception {
    ClassIou iou = new ClassIou(RgbSegmenterModel.CLASSES.size());
    List<SegmentationMask> masks = output.masks.stream().filter(m -> m.getCameraId().equals(camera)).collect(Collectors.toList());
    assertThat(masks).isNotEmpty();
    for (SegmentationMask mask : masks) {
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes(mask.getMask())));
      assertThat(png.getWidth()).isEqualTo(SCENE.width());
      assertThat(png.getHeight()).isEqualTo(SCENE.height());
      byte[] labels = new byte[SCENE.width() * SCENE.height()];
      png.getRaster().getDataElements(0, 0, SCENE.width(), SCENE.height(), labels);
      iou.add(labels, SCENE.labels(mask.getFrameIndex()));
    }
    return iou.mean();
  }

  private VideoChunk corrupt(VideoChunk chunk) {
    byte[] garbage = new byte[chunk.getPayload().remaining()];
    new Random(7).nextBytes(garbage);
    VideoChunk broken = VideoChunk.newBuilder(chunk).setPayload(ByteBuffer.wrap(garbage)).build();
    corrupted.add(broken);
    return broken;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static final class OutputHolder {
    List<SegmentationMask> masks = List.of();
    List<FrameCost> costs = List.of();
    List<DeadLetter> deadLetters = List.of();
    long elapsedMs;
  }
}
