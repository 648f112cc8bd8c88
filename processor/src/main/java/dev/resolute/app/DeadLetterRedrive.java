package dev.resolute.app;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes dead-lettered chunks to the chunk topic again, byte for byte under their original key,
 * once the cause is fixed (a model that now takes their size, a processor bug): the dead-letters
 * topic as it is at the start, read_committed, filtered by reason and time. The dead letters stay
 * where they are: a second run re-drives them again, so narrow it with the filters.
 *
 * <p>The time filter is the dead-letter record's own timestamp, when the processor dead-lettered
 * the chunk (it stamps letters with its clock), not {@code timestampMs}, the input's: an operator
 * knows when the failures happened, and an input's time is whatever its writer stamped. A letter
 * whose {@code originalBytes} are empty holds no chunk (the letter with the chunk was itself refused
 * and stored without it): it is skipped and counted with that reason.
 *
 * @param reasonContains only letters whose reason contains this (any case); null for all
 * @param fromMs only letters dead-lettered at or after this (epoch ms, the dead-letter record's timestamp)
 * @param toMs only letters dead-lettered before this
 */
public record DeadLetterRedrive(String reasonContains, long fromMs, long toMs) {

  public static final String NO_CHUNK = "holds no chunk (stored without its bytes: the dead letter itself was refused)";

  /**
   * What a run found and did.
   *
   * @param matchedByReason letters matched per reason (cut to 100 characters), skipped ones included
   * @param skippedByReason matched letters not re-driven, per why
   * @param published chunks the brokers acknowledged
   * @param failed chunks whose send failed
   * @param failure the first send failure in one line; null when none failed
   */
  public record Outcome(Map<String, Integer> matchedByReason, Map<String, Integer> skippedByReason, int scanned, int published, int failed,
      String failure) {
    public int matched() {
      return matchedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int skipped() {
      return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Whether {@code letter}, written to the dead-letters topic at {@code deadLetteredAtMs}, passes the filters. */
  public boolean matches(DeadLetter letter, long deadLetteredAtMs) {
    return Topics.VIDEO_CHUNKS.equals(letter.getSourceTopic())
        && deadLetteredAtMs >= fromMs && deadLetteredAtMs < toMs
        && (reasonContains == null || letter.getReason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT)));
  }

  /** Reads the dead letters up to their end at the start; with {@code publish} false only counts. */
  public Outcome run(String bootstrapServers, KafkaClientConfig client, boolean publish) {
    Map<String, Integer> matched = new TreeMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    int scanned = 0;
    ChunkRepublisher.Tally tally = new ChunkRepublisher.Tally(0, 0, null);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client.under(consumerProperties(bootstrapServers)),
        new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = publish ? new KafkaProducer<>(client.under(producerProperties(bootstrapServers)),
            new StringSerializer(), new ByteArraySerializer()) : null) {
      ChunkRepublisher republisher = producer == null ? null : new ChunkRepublisher(producer);
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue; // written after the start: a chunk re-driven now and dead again must not loop
          }
          scanned++;
          DeadLetter letter = Topics.LETTERS.read(record.value());
          if (!matches(letter, record.timestamp())) {
            continue;
          }
          String reason = letter.getReason();
          matched.merge(reason.length() > 100 ? reason.substring(0, 100) + "..." : reason, 1, Integer::sum);
          byte[] chunk = bytes(letter.getOriginalBytes());
          if (chunk.length == 0) {
            skipped.merge(NO_CHUNK, 1, Integer::sum);
          } else if (republisher != null && !republisher.send(letter.getKey(), chunk)) {
            skipped.merge("not sent: an earlier send failed", 1, Integer::sum);
          }
        }
      }
      if (republisher != null) {
        tally = republisher.finish();
      }
    }
    return new Outcome(matched, skipped, scanned, tally.acknowledged(), tally.failed(), tally.failure());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static Properties consumerProperties(String bootstrapServers) {
    // read_committed: an aborted transaction's letter never happened
    Properties props = Topics.readCommitted(bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "resolute-redrive");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.DEAD_LETTER_MAX_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.DEAD_LETTER_MAX_BYTES);
    return props;
  }

  private static Properties producerProperties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "resolute-redrive");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MAX_MESSAGE_BYTES);
    return props;
  }
}
