package dev.resolute.app;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the processor published (masks, cost records, decisions, dead letters) from the beginning, in
 * read_committed mode so that only output of committed transactions counts.
 */
public final class OutputCollector implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<SegmentationMask> masks = new ArrayList<>();
  private final List<Long> maskTimestamps = new ArrayList<>();
  private final List<Long> costTimestamps = new ArrayList<>();
  private final List<FrameCost> costs = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<ControlDecision> decisions = new ArrayList<>();

  /** Everything on the output topics, from the beginning. */
  public OutputCollector(String bootstrapServers) {
    this(bootstrapServers, KafkaClientConfig.none(), false);
  }

  /** Everything on the output topics, from the beginning, with the user's client settings. */
  public OutputCollector(String bootstrapServers, KafkaClientConfig client) {
    this(bootstrapServers, client, false);
  }

  /**
   * Only what is published from now on: on a shared cluster, earlier runs' outputs for the same
   * camera must not count as this run's.
   */
  public static OutputCollector fromNowOn(String bootstrapServers) {
    return fromNowOn(bootstrapServers, KafkaClientConfig.none());
  }

  public static OutputCollector fromNowOn(String bootstrapServers, KafkaClientConfig client) {
    return new OutputCollector(bootstrapServers, client, true);
  }

  private OutputCollector(String bootstrapServers, KafkaClientConfig client, boolean fromNowOn) {
    Properties props = Topics.readCommitted(bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "resolute-output-" + UUID.randomUUID());
    consumer = new KafkaConsumer<>(client.under(props), new StringDeserializer(), new ByteArrayDeserializer());
    List<String> topics = List.of(Topics.MASKS, Topics.FRAME_COSTS, Topics.DEAD_LETTERS, Topics.CONTROL_DECISIONS);
    if (fromNowOn) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(t, p.partition()))));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
    } else {
      consumer.subscribe(topics);
    }
  }

  /** Polls once and files what arrived; returns how many records came. */
  public int poll(Duration timeout) {
    int count = 0;
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      switch (record.topic()) {
        case Topics.MASKS -> {
          masks.add(Topics.SEGMENTATION_MASKS.read(record.value()));
          maskTimestamps.add(record.timestamp());
        }
        case Topics.FRAME_COSTS -> {
          costs.add(Topics.COSTS.read(record.value()));
          costTimestamps.add(record.timestamp());
        }
        case Topics.DEAD_LETTERS -> deadLetters.add(Topics.LETTERS.read(record.value()));
        case Topics.CONTROL_DECISIONS -> decisions.add(Topics.DECISIONS.read(record.value()));
        default -> throw new IllegalStateException("unexpected topic " + record.topic());
      }
      count++;
    }
    return count;
  }

  public List<SegmentationMask> masks() {
    return masks;
  }

  /** The Kafka timestamp of each mask record, in the order of {@link #masks()}. */
  public List<Long> maskTimestamps() {
    return maskTimestamps;
  }

  /** The Kafka timestamp of each cost record, in the order of {@link #costs()}. */
  public List<Long> costTimestamps() {
    return costTimestamps;
  }

  public List<FrameCost> costs() {
    return costs;
  }

  public List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  public List<ControlDecision> decisions() {
    return decisions;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
