package dev.resolute.workbench.record;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the chunks a topic holds for a time range of record timestamps (capture times, as ingest
 * writes them): from the offsets for {@code fromMs} to the end offsets seen when reading started,
 * so that a topic still being written to does not keep the read going forever.
 */
public final class TopicReader {
  private TopicReader() {}

  /** @return how many chunks were handed to {@code sink} */
  public static long read(String bootstrapServers, String topic, long fromMs, long toMs, Consumer<VideoChunk> sink) {
    return read(bootstrapServers, KafkaClientConfig.none(), topic, fromMs, toMs, sink);
  }

  /** As {@link #read(String, String, long, long, Consumer)}, with the user's client settings. */
  public static long read(String bootstrapServers, KafkaClientConfig client, String topic, long fromMs, long toMs,
      Consumer<VideoChunk> sink) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    long read = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client.under(props), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(tp -> query.put(tp, Math.max(0, fromMs)));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp at = found.get(tp);
        long start = at == null ? ends.get(tp) : at.offset();
        consumer.seek(tp, start);
      }
      Map<TopicPartition, Long> remaining = new HashMap<>();
      partitions.forEach(tp -> remaining.put(tp, ends.get(tp)));
      while (remaining.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < remaining.get(tp) && record.timestamp() >= fromMs && record.timestamp() < toMs) {
            sink.accept(Topics.CHUNKS.read(record.value()));
            read++;
          }
        }
      }
    }
    return read;
  }
}
