package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.config.KafkaClientConfig;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testing.ProcessorUnderTest;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a header check must stop, and one it cannot foresee, between good chunks of two
 * cameras on two partitions (two tasks of one stream thread, so one transaction): the hostile
 * ones are dead-lettered with their reasons, the processor never stops, and every good frame is
 * masked exactly once as read_committed readers see it.
 */
class HostileHeaderIT {
  private static final int FRAMES = 80;
  private static final AvroSerde<VideoChunk> CHUNKS = AvroSerde.of(VideoChunk.class);

  @TempDir Path dir;

  @Test
  void shouldDeadLetterChunksTheTopicsWouldRefuseAndKeepRunning() throws Exception {
    List<String> cameras = camerasOnTwoPartitions();
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), FRAMES, FootageWriter.Codec.FFV1, clip);
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    List<VideoChunk> a = new ArrayList<>();
    List<VideoChunk> b = new ArrayList<>();
    chunker.chunk(clip, cameras.get(0), null, a::add);
    chunker.chunk(clip, cameras.get(1), null, b::add);
    int half = a.size() / 2;

    try (ProcessorUnderTest processor = ProcessorUnderTest.start(dir, 2);
        KafkaProducer<String, byte[]> producer = producer(processor.bootstrapServers())) {
      // both hostile chunks go out with a current Kafka timestamp, as anyone who can write the topic can send them
      VideoChunk real = a.get(1);
      VideoChunk aheadTwoHours = VideoChunk.newBuilder(real).setCaptureTimeMs(real.getCaptureTimeMs() + Duration.ofHours(2).toMillis()).build();
      List<Long> pts = new ArrayList<>(real.getFramePtsMicros());
      pts.set(pts.size() - 1, pts.get(0) + (1L << 40));
      VideoChunk spanOf2To40 = VideoChunk.newBuilder(real).setFramePtsMicros(pts).build();
      for (int i = 0; i < half; i++) {
        send(producer, a.get(i));
        send(producer, b.get(i));
        if (i == 0) {
          send(producer, aheadTwoHours);
          send(producer, spanOf2To40);
        }
      }
      producer.flush();
      waitForCosts(processor, 2L * a.subList(0, half).stream().mapToLong(VideoChunk::getFrameCount).sum(), 2);

      // the last line: the topics start refusing timestamps older than an hour after the processor read
      // their limits, and a chunk three hours old (a valid backlog when it read them) comes with good ones
      refuseTimestampsOlderThanAnHour(processor.bootstrapServers());
      VideoChunk threeHoursOld = VideoChunk.newBuilder(a.get(0))
          .setCaptureTimeMs(System.currentTimeMillis() - Duration.ofHours(3).toMillis()).build();
      long forgedOffset = send(producer, threeHoursOld);
      for (int i = half; i < a.size(); i++) {
        send(producer, b.get(i));
        send(producer, a.get(i));
      }
      producer.flush();

      OutputCollector out = waitForCosts(processor, 2L * FRAMES, 3);
      assertThat(processor.processor().failure()).as("processor failure").isNull();
      assertThat(processor.processor().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      assertThat(out.deadLetters()).extracting(DeadLetter::getReason).satisfiesExactlyInAnyOrder(
          r -> assertThat(r).contains("ahead of now"),
          r -> assertThat(r).contains("span 1099511627776 µs"),
          r -> assertThat(r).contains("refused its output").contains("out of range"));
      assertThat(out.deadLetters()).filteredOn(d -> d.getReason().contains("refused its output"))
          .singleElement().extracting(DeadLetter::getOffset).isEqualTo(forgedOffset);
      for (String camera : cameras) {
        assertThat(out.masks().stream().filter(m -> m.getCameraId().equals(camera)).map(SegmentationMask::getFrameIndex).sorted())
            .as("every good frame of %s masked exactly once", camera)
            .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
      }
    }
  }

  /**
   * The refused chunk right behind a good one of the same camera, in one task: one transaction
   * holds both, and their outputs share the producer's batches, the good chunk's first. The broker
   * fails the whole batch; the good records fail with a generic error, which is all Kafka Streams
   * hands the production handler, so the forged input is known only from its own records.
   */
  @Test
  void shouldDeadLetterARefusedChunkWhoseOutputsShareABatchWithAGoodChunksOutputs() throws Exception {
    String camera = "cam-0";
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), FRAMES, FootageWriter.Codec.FFV1, clip);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(clip, camera, null, chunks::add);
    int half = chunks.size() / 2;
    // several chunks a transaction, and outputs held a second before they go: both chunks' outputs in one batch
    Path clientConfig = dir.resolve("client.properties");
    Files.writeString(clientConfig, "producer.linger.ms=1000\ncommit.interval.ms=5000\n");

    try (ProcessorUnderTest processor = ProcessorUnderTest.start(dir, 1,
            config -> config.withKafkaClient(KafkaClientConfig.load(clientConfig, null)));
        KafkaProducer<String, byte[]> producer = producer(processor.bootstrapServers())) {
      for (int i = 0; i < half; i++) {
        send(producer, chunks.get(i));
      }
      producer.flush();
      waitForCosts(processor, chunks.subList(0, half).stream().mapToLong(VideoChunk::getFrameCount).sum(), 0);

      refuseTimestampsOlderThanAnHour(processor.bootstrapServers());
      VideoChunk threeHoursOld = VideoChunk.newBuilder(chunks.get(0))
          .setCaptureTimeMs(System.currentTimeMillis() - Duration.ofHours(3).toMillis()).build();
      send(producer, chunks.get(half));
      long forgedOffset = send(producer, threeHoursOld);
      for (int i = half + 1; i < chunks.size(); i++) {
        send(producer, chunks.get(i));
      }
      producer.flush();

      OutputCollector out = waitForCosts(processor, FRAMES, 1);
      assertThat(processor.processor().failure()).as("processor failure").isNull();
      assertThat(processor.processor().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      assertThat(out.deadLetters()).singleElement().satisfies(letter -> {
        assertThat(letter.getOffset()).isEqualTo(forgedOffset);
        assertThat(letter.getReason()).contains("refused its output").contains("out of range");
      });
      assertThat(out.masks().stream().map(SegmentationMask::getFrameIndex).sorted())
          .as("every good frame masked exactly once")
          .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
    }
  }

  /** Two camera ids the default partitioner puts on different partitions of two: two tasks. */
  private static List<String> camerasOnTwoPartitions() {
    List<String> picked = new ArrayList<>();
    for (int i = 0; picked.size() < 2; i++) {
      String id = "cam-" + i;
      int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 2;
      if (picked.isEmpty() || partitionOf(picked.get(0)) != partition) {
        picked.add(id);
      }
    }
    return picked;
  }

  private static int partitionOf(String id) {
    return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 2;
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES), new StringSerializer(), new ByteArraySerializer());
  }

  /** @return the offset it got */
  private static long send(KafkaProducer<String, byte[]> producer, VideoChunk chunk) throws Exception {
    return producer.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, null, System.currentTimeMillis(), chunk.getCameraId(),
        CHUNKS.toBytes(chunk))).get(30, TimeUnit.SECONDS).offset();
  }

  private static void refuseTimestampsOlderThanAnHour(String bootstrapServers) throws Exception {
    String hour = String.valueOf(Duration.ofHours(1).toMillis());
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
      Map<ConfigResource, Collection<AlterConfigOp>> change = new java.util.HashMap<>();
      for (String topic : List.of(Topics.MASKS, Topics.FRAME_COSTS)) {
        change.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
            List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.before.max.ms", hour), AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(change).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      ConfigResource masks = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MASKS);
      while (!hour.equals(admin.describeConfigs(List.of(masks)).all().get(30, TimeUnit.SECONDS).get(masks)
          .get("message.timestamp.before.max.ms").value()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    Thread.sleep(1_000); // the broker applies a topic's new config to its logs just after it reports it
  }

  /** Reads everything so far until {@code costs} cost records and {@code letters} dead letters, then a little longer. */
  private static OutputCollector waitForCosts(ProcessorUnderTest processor, long costs, int letters) {
    OutputCollector out = new OutputCollector(processor.bootstrapServers());
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while ((out.costs().size() < costs || out.deadLetters().size() < letters) && System.nanoTime() < deadline
        && processor.processor().failure() == null) {
      out.poll(Duration.ofMillis(500));
    }
    out.poll(Duration.ofSeconds(3)); // anything beyond the expected count would be a duplicate
    out.close();
    return out;
  }
}
