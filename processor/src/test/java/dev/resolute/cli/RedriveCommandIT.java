package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.DeadLetterRedrive;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.cli.CliRun;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.topology.TopicSetup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code resolute redrive} on a real broker: counts without --publish, re-publishes only what the filters let through. */
class RedriveCommandIT {
  @Test
  void shouldRepublishTheMatchingDeadLettersByteForByteUnderTheirKeysAndOnlyCountWithoutPublish() throws Exception {
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 1, (short) 1);
      }
      // the window is the dead-letter record's time; each letter's timestampMs (the input's) says the opposite
      long start = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
      long end = start + 5_000;
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
          new StringSerializer(), new ByteArraySerializer())) {
        producer.send(letter("cam-1", "chunk 4 of camera cam-1 failed in processing: size refused", "one", start + 1_000, end + 60_000));
        producer.send(letter("cam-2", "chunk 9 of camera cam-2 failed in processing: size refused", "two", start + 2_000, 0));
        producer.send(letter("cam-3", "undecodable chunk", "three", start + 1_500, start));
        producer.send(letter("cam-1", "chunk 5 of camera cam-1 failed in processing: size refused", "late", end + 4_000, start + 1_000));
        producer.send(letter("cam-4", "chunk 1 of camera cam-4 failed in processing: size refused", "", start + 3_000, start));
        producer.flush();
      }
      String[] filters = {"--bootstrap-servers", kafka.bootstrapServers(), "--reason", "SIZE REFUSED",
          "--from", Instant.ofEpochMilli(start).toString(), "--to", Instant.ofEpochMilli(end).toString()};

      CliRun count = new CliRun();
      assertThat(count.execute(concat("redrive", filters))).as(count.err.toString()).isZero();
      assertThat(count.out.toString()).contains("3 of 5 dead letters matched; nothing published")
          .contains("1  skipped: " + DeadLetterRedrive.NO_CHUNK);
      assertThat(chunksOnTopic(kafka)).isEmpty();

      CliRun publish = new CliRun();
      assertThat(publish.execute(concat("redrive", concat("--publish", filters)))).as(publish.err.toString()).isZero();
      assertThat(publish.out.toString()).contains("3 of 5 dead letters matched; 2 published to video-chunks, 1 skipped");
      assertThat(chunksOnTopic(kafka)).containsExactlyInAnyOrder("cam-1=one", "cam-2=two");
    }
  }

  @Test
  void shouldExitNonZeroNamingTheCauseWhenTheBrokerRefusesTheChunks() throws Exception {
    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 1, (short) 1);
        // a refusal a real broker gives without an authorizer: the send fails only after it was queued
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.VIDEO_CHUNKS),
            List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1024"), AlterConfigOp.OpType.SET)))).all().get();
      }
      long now = System.currentTimeMillis();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
          new StringSerializer(), new ByteArraySerializer())) {
        producer.send(letter("cam-1", "failed in processing", "x".repeat(4096), now, now));
        producer.flush();
      }

      CliRun publish = new CliRun();
      int exit = publish.execute("redrive", "--bootstrap-servers", kafka.bootstrapServers(), "--publish");

      assertThat(exit).as(publish.out.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(publish.out.toString()).contains("1 of 1 dead letters matched; 0 published to video-chunks");
      assertThat(publish.err.toString()).contains("error: publishing to video-chunks failed (1 sends failed, 0 acknowledged)")
          .contains("RecordTooLargeException");
      assertThat(chunksOnTopic(kafka)).isEmpty();
    }
  }

  private static ProducerRecord<String, byte[]> letter(String key, String reason, String original, long deadLetteredAtMs, long inputTimestampMs) {
    DeadLetter letter = DeadLetter.newBuilder().setSourceTopic(Topics.VIDEO_CHUNKS).setPartition(0).setOffset(0).setKey(key)
        .setReason(reason).setErrorClass("IllegalStateException").setTimestampMs(inputTimestampMs)
        .setOriginalBytes(ByteBuffer.wrap(original.getBytes(StandardCharsets.UTF_8))).build();
    return new ProducerRecord<>(Topics.DEAD_LETTERS, null, deadLetteredAtMs, key, AvroSerde.of(DeadLetter.class).toBytes(letter));
  }

  /** Every record on the chunk topic as key=value text. */
  private static List<String> chunksOnTopic(KafkaCluster kafka) {
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "redrive-check-" + System.nanoTime(), "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.VIDEO_CHUNKS));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) { // long enough for a wrongly published record to show up too
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.key() + "=" + new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return seen;
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
