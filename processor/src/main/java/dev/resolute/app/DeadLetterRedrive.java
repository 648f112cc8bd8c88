package dev.resolute.app;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.topology.Topics;
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
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * @param reasonContains only letters whose reason contains this (any case); null for all
 * @param fromMs only letters written at or after this (epoch ms)
 * @param toMs only letters written before this
 */
public record DeadLetterRedrive(String reasonContains, long fromMs, long toMs) {
  private static final AvroSerde<DeadLetter> LETTERS = AvroSerde.of(DeadLetter.class);

  /** What a run found and did: letters matched per reason (cut to 100 characters), and how many went out. */
  public record Outcome(Map<String, Integer> matchedByReason, int scanned, int published) {}

  public boolean matches(DeadLetter letter) {
    return Topics.VIDEO_CHUNKS.equals(letter.getSourceTopic())
        && letter.getTimestampMs() >= fromMs && letter.getTimestampMs() < toMs
        && (reasonContains == null || letter.getReason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT)));
  }

  /** Reads the dead letters up to their end at the start; with {@code publish} false only counts. */
  public Outcome run(String bootstrapServers, KafkaClientConfig client, boolean publish) {
    Map<String, Integer> matched = new TreeMap<>();
    int scanned = 0;
    int published = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client.under(consumerProperties(bootstrapServers)),
        new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = publish ? new KafkaProducer<>(client.under(producerProperties(bootstrapServers)),
            new StringSerializer(), new ByteArraySerializer()) : null) {
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
          DeadLetter letter = LETTERS.fromBytes(record.value());
          if (!matches(letter)) {
            continue;
          }
          String reason = letter.getReason();
          matched.merge(reason.length() > 100 ? reason.substring(0, 100) + "..." : reason, 1, Integer::sum);
          if (producer != null) {
            producer.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, letter.getKey(), letter.getOriginalBytes().array()));
            published++;
          }
        }
      }
      if (producer != null) {
        producer.flush();
      }
    }
    return new Outcome(matched, scanned, published);
  }

  private static Properties consumerProperties(String bootstrapServers) {
    // read_committed: an aborted transaction's letter never happened
    Properties props = OutputCollector.readCommitted(bootstrapServers);
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
