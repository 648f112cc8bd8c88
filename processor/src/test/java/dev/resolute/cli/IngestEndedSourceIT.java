package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.cli.CliRun;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.sources.LiveSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * {@code resolute ingest} on an HLS stream that has ended: every frame reaches the topic exactly
 * once, and the command exits 0 by itself instead of reconnecting and publishing it again.
 */
class IngestEndedSourceIT {
  private static final int FRAMES = 150;

  @Test
  void shouldPublishEachFrameOnceAndExitWhenEveryCameraEnded() throws Exception {
    try (KafkaCluster kafka = KafkaTestCluster.start(); LiveSource server = LiveSource.hlsEnded(FRAMES)) {
      CliRun cli = new CliRun();
      CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cli.execute("ingest", "--camera", "vod=" + server.url(),
          "--bootstrap-servers", kafka.bootstrapServers(), "--partitions", "1", "--metrics-port", "0"));

      assertThat(code.get(90, TimeUnit.SECONDS)).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.OK);
      assertThat(framesOnTopic(kafka.bootstrapServers())).isEqualTo(FRAMES);
    }
  }

  private static long framesOnTopic(String bootstrapServers) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, VideoChunk> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        AvroSerde.of(VideoChunk.class).deserializer())) {
      var partitions = consumer.partitionsFor(Topics.VIDEO_CHUNKS).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long frames = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, VideoChunk> record : consumer.poll(Duration.ofMillis(500))) {
          frames += record.value().getFrameCount();
        }
      }
      return frames;
    }
  }
}
