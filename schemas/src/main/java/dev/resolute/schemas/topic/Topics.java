package dev.resolute.schemas.topic;

import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Resolute's topics. The names stay {@code String} constants, which {@code case} labels need; each
 * has a typed {@link Topic} beside it that carries its serdes and creation settings.
 */
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

  private static final Serde<String> KEY = Serdes.String();

  public static final Topic<String, VideoChunk> CHUNKS = perCamera(VIDEO_CHUNKS, VideoChunk.class, large(MAX_MESSAGE_BYTES));
  public static final Topic<String, SegmentationMask> SEGMENTATION_MASKS =
      perCamera(MASKS, SegmentationMask.class, large(MAX_MESSAGE_BYTES));
  public static final Topic<String, FrameCost> COSTS = perCamera(FRAME_COSTS, FrameCost.class, Map.of());
  public static final Topic<String, ControlDecision> DECISIONS = perCamera(CONTROL_DECISIONS, ControlDecision.class, Map.of());
  public static final Topic<String, ControlDecision> LAST_DECISIONS =
      perCamera(CONTROL_LAST_DECISIONS, ControlDecision.class, COMPACTED);
  /** One partition: dead letters are rare, and one log keeps them in the order they were refused. */
  public static final Topic<String, DeadLetter> LETTERS = new Topic<>(DEAD_LETTERS, KEY, AvroSerde.of(DeadLetter.class),
      new Topic.Creation(false, large(DEAD_LETTER_MAX_BYTES)));
  public static final Topic<String, String> LEASES = new Topic<>(INSTANCE_LEASES, KEY, Serdes.String(),
      new Topic.Creation(false, Map.of("cleanup.policy", "compact,delete", "retention.ms", "3600000", "segment.ms", "600000")));

  private static final List<Topic<?, ?>> ALL =
      List.of(CHUNKS, SEGMENTATION_MASKS, COSTS, DECISIONS, LAST_DECISIONS, LETTERS, LEASES);

  /** Every topic the processor needs, in the order they are created. */
  public static List<Topic<?, ?>> all() {
    return ALL;
  }

  private static <V extends SpecificRecord> Topic<String, V> perCamera(String name, Class<V> type, Map<String, String> config) {
    return new Topic<>(name, KEY, AvroSerde.of(type), new Topic.Creation(true, config));
  }

  private static Map<String, String> large(int maxMessageBytes) {
    return Map.of("max.message.bytes", String.valueOf(maxMessageBytes));
  }
}
