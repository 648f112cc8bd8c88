package dev.resolute.schemas.topic;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Resolute's topics: names and how each is created. */
public final class Topics {
  public static final String VIDEO_CHUNKS = "video-chunks";
  public static final String MASKS = "masks";
  public static final String FRAME_COSTS = "frame-costs";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String CONTROL_DECISIONS = "control-decisions";
  /**
   * Each camera's last decision, keyed by camera id and compacted, written in the same transaction
   * as its record in {@link #CONTROL_DECISIONS} (which keeps the history): what a restarting
   * instance reads to resume, so that its start-up read grows with cameras, not with days of history.
   */
  public static final String CONTROL_LAST_DECISIONS = "control-last-decisions";
  /**
   * Compaction never touches a log's active segment and waits for a share of it to be superseded:
   * a segment rolled every 10 minutes and a low dirty ratio keep the uncompacted head small.
   */
  static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact", "segment.ms", "600000",
      "min.cleanable.dirty.ratio", "0.1");
  /**
   * Who holds each instance id (see {@code instance.InstanceLease}), keyed by application and
   * instance id: only the latest renewal matters, and an hour keeps it for any restart.
   */
  public static final String INSTANCE_LEASES = "instance-leases";
  /**
   * A chunk can reach several MB (long GOPs, high resolution); a dead letter carries the chunk
   * whole. Producer, topic and consumer limits are all set from this one figure.
   */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  /**
   * A dead letter wraps a whole chunk with its reason, source offset and key: a chunk at the limit
   * must still fit, so the dead-letter topic and the processor's producer take this much more.
   */
  public static final int DEAD_LETTER_MAX_BYTES = MAX_MESSAGE_BYTES + 2 * 1024 * 1024;

  private Topics() {}

  /**
   * A consumer that sees only committed output, from the start of each partition, taking messages
   * as large as the topics allow; the caller adds its group or assignment.
   */
  public static Properties readCommitted(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_MESSAGE_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_MESSAGE_BYTES);
    return props;
  }

  /**
   * A producer of chunks: idempotent with acks=all, so that a retry never duplicates or reorders a
   * chunk, and able to send a chunk as large as {@link #MAX_MESSAGE_BYTES}.
   */
  public static Properties chunkProducerProperties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
    // the 32 MiB default buffer refuses any chunk above 32 MiB, whatever max.request.size allows
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_MESSAGE_BYTES);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return props;
  }

  /** One topic to create: partitions follow the camera count; the chunk and dead-letter topics take large messages. */
  public record Spec(String name, int partitions, Map<String, String> config) {}

  public static List<Spec> all(int partitions) {
    Map<String, String> large = Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
    return List.of(
        new Spec(VIDEO_CHUNKS, partitions, large),
        new Spec(MASKS, partitions, large),
        new Spec(FRAME_COSTS, partitions, Map.of()),
        new Spec(CONTROL_DECISIONS, partitions, Map.of()),
        new Spec(CONTROL_LAST_DECISIONS, partitions, COMPACTED),
        new Spec(DEAD_LETTERS, 1, Map.of("max.message.bytes", String.valueOf(DEAD_LETTER_MAX_BYTES))),
        new Spec(INSTANCE_LEASES, 1, Map.of("cleanup.policy", "compact,delete", "retention.ms", "3600000", "segment.ms", "600000")));
  }
}
