package dev.resolute.topology;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.control.BacklogProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the end offsets of the chunk topic on a named background thread, so that the processor
 * knows how far behind each partition is without a blocking call on the stream thread. A failed
 * refresh logs a warning and keeps the last figures.
 */
public final class EndOffsetWatcher implements BacklogProbe, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EndOffsetWatcher.class);

  private final Admin admin;
  private final String topic;
  private final Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
  private volatile long lastAnswerNanos = System.nanoTime();
  private volatile boolean unreachable; // only written on the scheduler thread
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "resolute-end-offsets");
    t.setDaemon(true);
    return t;
  });

  public EndOffsetWatcher(String bootstrapServers, String topic, Duration every) {
    this(bootstrapServers, KafkaClientConfig.none(), topic, every);
  }

  public EndOffsetWatcher(String bootstrapServers, KafkaClientConfig client, String topic, Duration every) {
    java.util.Properties own = new java.util.Properties();
    own.putAll(Map.of("bootstrap.servers", bootstrapServers, "client.id", "resolute-end-offsets"));
    this.admin = Admin.create(client.under(own));
    this.topic = topic;
    scheduler.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
          .get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, partitions).boxed()
          .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
      admin.listOffsets(request).all().get(5, TimeUnit.SECONDS)
          .forEach((tp, info) -> endOffsets.put(tp.partition(), info.offset()));
      lastAnswerNanos = System.nanoTime();
      if (unreachable) {
        unreachable = false;
        log.info("the cluster answers again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // said once per outage: every client's NetworkClient is kept at ERROR, so this is the one report
      if (!unreachable) {
        unreachable = true;
        log.warn("cannot refresh end offsets of {}: {}; said once until the cluster answers again", topic, e.toString());
      }
    }
  }

  /** Whether the cluster answered within {@code within}: when it did not, waiting for a commit is waiting in vain. */
  public boolean answeredWithin(Duration within) {
    return System.nanoTime() - lastAnswerNanos <= within.toNanos();
  }

  @Override
  public long endOffset(int partition) {
    return endOffsets.getOrDefault(partition, -1L);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    admin.close(Duration.ofSeconds(1)); // nothing it still has to say matters once the processor stops
  }
}
