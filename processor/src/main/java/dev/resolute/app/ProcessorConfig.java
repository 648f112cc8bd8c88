package dev.resolute.app;

import dev.resolute.config.ConfigException;
import dev.resolute.config.KafkaClientConfig;
import dev.resolute.config.TransactionBudget;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.decode.CaptureWindow;
import dev.resolute.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the processor needs to run, validated when built so that a mistake fails at start-up
 * with the key's name. Turned into Kafka {@link Properties} only at the Kafka boundary.
 *
 * @param bootstrapServers {@code bootstrap.servers}
 * @param applicationId {@code application.id}: the consumer group and the prefix of internal topics
 * @param stateDir {@code state.dir}
 * @param maxBatch {@code resolute.max.batch}: frames of one chunk per inference call
 * @param streamThreads {@code num.stream.threads}
 * @param replicationFactor {@code replication.factor} of the topics Resolute and Streams create
 * @param slowestChunk {@code resolute.slowest.chunk}: the longest one chunk may take to process;
 *     transactions and polls must outlast it or the task is fenced mid-chunk
 * @param control the resolution controller's policy and thresholds ({@code resolute.control.*})
 * @param kafkaClient the user's client settings (security), under every Kafka client Streams creates
 * @param instanceId {@code group.instance.id}, or null: a name this instance keeps across restarts.
 *     With it a restart takes its predecessor's place in the group at once (static membership)
 *     and fences its open transaction (see {@code app.StableTransactionalIds});
 *     without it a killed instance's partitions wait out the session timeout and read_committed
 *     readers wait out its transaction timeout
 * @param maxClockSkew {@code resolute.max.clock.skew}: how far ahead of this processor's clock a
 *     chunk's capture times may lie (the cameras' and ingest hosts' clocks differ by this much at
 *     most); a chunk further ahead is dead-lettered. Only the future is bounded: a backlog is old, not invalid
 */
public record ProcessorConfig(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    int maxBatch,
    int streamThreads,
    short replicationFactor,
    Duration slowestChunk,
    ControlConfig control,
    KafkaClientConfig kafkaClient,
    String instanceId,
    Duration maxClockSkew) {

  public static final String GROUP_INSTANCE_ID = "group.instance.id";
  /** Six times what ten full-size ISNet frames take on a slow CPU; small enough for 14 tasks a thread. */
  public static final Duration DEFAULT_SLOWEST_CHUNK = Duration.ofSeconds(60);
  /** Above the brokers' group.min.session.timeout.ms (6 s by default), with heartbeats every 2 s. */
  public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(8);
  public static final String MAX_CLOCK_SKEW = "resolute.max.clock.skew";
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = CaptureWindow.DEFAULT_MAX_SKEW;

  public ProcessorConfig {
    kafkaClient = kafkaClient == null ? KafkaClientConfig.none() : kafkaClient;
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ConfigException("bootstrap.servers", "is required (host:port of a Kafka broker)");
    }
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException("application.id", "must be letters, digits, '.', '_' or '-', got '" + applicationId + "'");
    }
    if (stateDir == null) {
      throw new ConfigException("state.dir", "is required");
    }
    if (maxBatch < 1 || maxBatch > 256) {
      throw new ConfigException("resolute.max.batch", "must be between 1 and 256, got " + maxBatch);
    }
    if (streamThreads < 1) {
      throw new ConfigException("num.stream.threads", "must be >= 1, got " + streamThreads);
    }
    if (replicationFactor < 1) {
      throw new ConfigException("replication.factor", "must be >= 1, got " + replicationFactor);
    }
    if (slowestChunk == null || slowestChunk.compareTo(Duration.ofSeconds(10)) < 0 || slowestChunk.compareTo(Duration.ofMinutes(14)) > 0) {
      throw new ConfigException("resolute.slowest.chunk", "must be between 10 s and 14 min (the broker's transaction.max.timeout.ms is 15 min by default), got " + slowestChunk);
    }
    if (control == null) {
      throw new ConfigException(ControlConfig.POLICY, "is required");
    }
    if (instanceId != null && !instanceId.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new ConfigException(GROUP_INSTANCE_ID, "must be 1 to 200 letters, digits, '.', '_' or '-', got '" + instanceId + "'");
    }
    maxClockSkew = maxClockSkew == null ? DEFAULT_MAX_CLOCK_SKEW : maxClockSkew;
    if (maxClockSkew.isNegative() || maxClockSkew.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(MAX_CLOCK_SKEW, "must be between 0 s and 1 h (the brokers refuse timestamps more than "
          + "message.timestamp.after.max.ms, 1 h by default, ahead), got " + maxClockSkew.toSeconds() + " s");
    }
  }

  /** With the default clock skew. */
  public ProcessorConfig(String bootstrapServers, String applicationId, Path stateDir, int maxBatch, int streamThreads,
      short replicationFactor, Duration slowestChunk, ControlConfig control, KafkaClientConfig kafkaClient, String instanceId) {
    this(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        kafkaClient, instanceId, DEFAULT_MAX_CLOCK_SKEW);
  }

  /** Without an instance id: every start is a new member with a new transactional identity. */
  public ProcessorConfig(String bootstrapServers, String applicationId, Path stateDir, int maxBatch, int streamThreads,
      short replicationFactor, Duration slowestChunk, ControlConfig control) {
    this(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        KafkaClientConfig.none(), null);
  }

  /** Defaults for a local run against {@code bootstrapServers}. */
  public static ProcessorConfig local(String bootstrapServers, Path stateDir) {
    return new ProcessorConfig(bootstrapServers, "resolute", stateDir, 8, 1, (short) 1, DEFAULT_SLOWEST_CHUNK,
        ControlConfig.defaults(Policy.ADAPTIVE));
  }

  public ProcessorConfig withApplicationId(String newApplicationId) {
    return new ProcessorConfig(bootstrapServers, newApplicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        kafkaClient, instanceId, maxClockSkew);
  }

  public ProcessorConfig withControl(ControlConfig newControl) {
    return new ProcessorConfig(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, newControl,
        kafkaClient, instanceId, maxClockSkew);
  }

  public ProcessorConfig withKafkaClient(KafkaClientConfig newKafkaClient) {
    return new ProcessorConfig(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        newKafkaClient, instanceId, maxClockSkew);
  }

  public ProcessorConfig withInstanceId(String newInstanceId) {
    return new ProcessorConfig(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        kafkaClient, newInstanceId, maxClockSkew);
  }

  public ProcessorConfig withMaxClockSkew(Duration newMaxClockSkew) {
    return new ProcessorConfig(bootstrapServers, applicationId, stateDir, maxBatch, streamThreads, replicationFactor, slowestChunk, control,
        kafkaClient, instanceId, newMaxClockSkew);
  }

  /** What a Kafka admin client of this processor needs to reach the cluster. */
  public Map<String, Object> adminProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Map<String, Object> all = new java.util.HashMap<>();
    kafkaClient.under(props).forEach((key, value) -> all.put(key.toString(), value));
    return all;
  }

  /** The transaction and poll budget for a chunk topic of {@code chunkPartitions} partitions. */
  public TransactionBudget transactionBudget(int chunkPartitions, Duration brokerMaximum) {
    return TransactionBudget.of(slowestChunk, chunkPartitions, streamThreads, brokerMaximum);
  }

  public Properties streamsProperties(TransactionBudget budget) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // the 5.0 default, now
    props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), budget.transactionTimeoutMs());
    // room for a dead letter that carries a chunk at the chunk topic's limit
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.DEAD_LETTER_MAX_BYTES);
    // and a buffer that holds it: the 32 MiB default refuses any record above 32 MiB, whatever max.request.size says
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 2L * Topics.DEAD_LETTER_MAX_BYTES);
    // batching is the user's to tune (--kafka-config producer.linger.ms): correctness does not depend on it
    if (!kafkaClient.entries().containsKey(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG))) {
      props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    }
    // a poll hands over few chunks: each may take seconds, and all of a poll must finish in time
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 4);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), budget.maxPollIntervalMs());
    // an idle connection must not be dropped while a slow poll is still within its interval
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG), budget.maxPollIntervalMs() + 60_000);
    // how long a member that stopped heartbeating keeps its partitions: with static membership a
    // restart under the same id is back well within it, and a dead instance's partitions move to
    // the survivors after it, not after the 45 s default (heartbeats come from a background thread,
    // so a slow chunk does not count against it)
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) SESSION_TIMEOUT.toMillis());
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
    if (instanceId != null) {
      // Kafka Streams appends "-<thread index>" for each thread's consumer: static membership, so a
      // restart under the same id replaces the dead member at once instead of after its session timeout
      props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
    }
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Topics.MAX_MESSAGE_BYTES);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), Topics.MAX_MESSAGE_BYTES);
    return kafkaClient.under(props);
  }
}
