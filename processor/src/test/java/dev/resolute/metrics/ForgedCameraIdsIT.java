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
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.topology.TopicSetup;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1000 camera ids an outside client made up, published to video-chunks beside two real cameras:
 * 400 records of garbage under 10 KiB keys of their own, and 600 valid little chunks (2 frames of
 * 64x48, copies of one real chunk) each under an id of its own, which the processor accepts and
 * segments. The scrape stays small, the heap stays near a run without them, and the real cameras
 * keep their series: they came first.
 */
class ForgedCameraIdsIT {
  private static final List<String> REAL = List.of("cam-real-1", "cam-real-2");
  private static final int GARBAGE = 400;
  private static final int FORGED_CHUNKS = 600;
  private static final int FRAMES = 2;
  private static final AvroSerde<VideoChunk> CHUNKS = AvroSerde.of(VideoChunk.class);

  @TempDir Path dir;

  @Test
  void shouldKeepTheScrapeAndTheHeapBoundedAndTheRealCamerasSeries() throws Exception {
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 2, (short) 1);
      }
      Path footage = dir.resolve("tiny.mkv");
      FootageWriter.write(new SyntheticScene(64, 48, 10), FRAMES, FootageWriter.Codec.FFV1, footage);
      List<VideoChunk> tiny = new ArrayList<>();
      new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(footage, "template", null, tiny::add);
      VideoChunk template = tiny.get(0);
      ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
          .withControl(ControlConfig.defaults(Policy.FIXED).withCostCacheDir(dir.resolve("costs").toString()));
      OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model"))); // the processor closes it
      try (MetricsExport export = MetricsExport.serve(0);
          ResoluteProcessor processor = new ResoluteProcessor(config, model);
          ProcessorMeters meters = ProcessorMeters.bind(export.registry(), processor, config, model);
          KafkaProducer<String, byte[]> outsider = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new StringSerializer(), new ByteArraySerializer());
          OutputCollector outputs = new OutputCollector(kafka.bootstrapServers())) {
        processor.start(Duration.ofSeconds(60));
        assertThat(meters.awaitFeed(Duration.ofSeconds(60))).isTrue();
        int port = export.port().orElseThrow();

        long sequence = 0;
        for (String camera : REAL) {
          send(outsider, camera, chunk(template, camera, sequence));
        }
        awaitCosts(outputs, processor, REAL.size() * FRAMES, 0);
        Scrape before = awaitScrape(port, REAL.size() * FRAMES);
        long heapBefore = usedHeapAfterGc();

        Random random = new Random(19);
        for (int i = 0; i < GARBAGE; i++) {
          byte[] key = new byte[10 * 1024];
          random.nextBytes(key);
          byte[] value = new byte[64];
          random.nextBytes(value);
          outsider.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, new String(key, java.nio.charset.StandardCharsets.ISO_8859_1), value));
        }
        for (int i = 0; i < FORGED_CHUNKS; i++) {
          String forged = String.format("forged-%04d", i);
          send(outsider, forged, chunk(template, forged, 0));
        }
        sequence++;
        for (String camera : REAL) { // still sending after the flood
          send(outsider, camera, chunk(template, camera, sequence));
        }
        outsider.flush();
        long costs = (long) (REAL.size() * 2 + FORGED_CHUNKS) * FRAMES;
        awaitCosts(outputs, processor, costs, GARBAGE);
        Scrape after = awaitScrape(port, costs + GARBAGE * 0L);
        long heapAfter = usedHeapAfterGc();

        System.out.printf("/metrics %d -> %d bytes; heap after GC %d -> %d MB; %d cameras with series, %.0f records refused%n",
            before.bodyBytes(), after.bodyBytes(), heapBefore >> 20, heapAfter >> 20, processor.cameraSeries().cameras(),
            after.sum("resolute_camera_series_dropped_total", Map.of()));
        assertThat(after.bodyBytes()).isLessThan(2L << 20);
        assertThat(heapAfter - heapBefore).isLessThan(100L << 20);
        for (String camera : REAL) {
          assertThat(after.sum("resolute_frames_in_total", Map.of("camera", camera))).as(camera).isEqualTo(2 * FRAMES);
          assertThat(after.find("resolute_level", Map.of("camera", camera))).as(camera).hasSize(1);
        }
        assertThat(after.find("resolute_level", Map.of())).hasSize(config.control().cameraSeries());
        assertThat(after.sum("resolute_camera_series_dropped_total", Map.of())).isPositive();
        assertThat(after.sum("resolute_frames_in_total", Map.of())).as("every frame counted, in a series or under (other)")
            .isEqualTo(costs);
        assertThat(after.sum("resolute_dead_letters_total", Map.of("reason", "unreadable"))).isEqualTo(GARBAGE);
        assertThat(after.samples()).allSatisfy(s -> assertThat(s.labels().values()).allSatisfy(v -> assertThat(v).hasSizeLessThan(300)));
      }
    }
  }

  private static VideoChunk chunk(VideoChunk template, String camera, long sequence) {
    return VideoChunk.newBuilder(template).setCameraId(camera).setSequence(sequence)
        .setCaptureTimeMs(System.currentTimeMillis() - 1_000).build();
  }

  private static void send(KafkaProducer<String, byte[]> producer, String camera, VideoChunk chunk) {
    producer.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, camera, CHUNKS.toBytes(chunk)));
  }

  private static void awaitCosts(OutputCollector outputs, ResoluteProcessor processor, long costs, int letters) {
    await("cost records and dead letters").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
      outputs.poll(Duration.ofMillis(300));
      return processor.failure() != null || (outputs.costs().size() >= costs && outputs.deadLetters().size() >= letters);
    });
    assertThat(processor.failure()).isNull();
  }

  /** The feed reads the same committed records on its own thread: scrape until it has counted them all. */
  private static Scrape awaitScrape(int port, long framesIn) {
    Scrape[] last = new Scrape[1];
    await("the scrape to catch up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last[0] = Scrape.of(port);
      return last[0].sum("resolute_frames_in_total", Map.of()) >= framesIn;
    });
    return last[0];
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
