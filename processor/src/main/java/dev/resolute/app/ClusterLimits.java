package dev.resolute.app;

import dev.resolute.config.TransactionBudget;
import dev.resolute.decode.CaptureWindow;
import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the cluster decides about the processor's transactions: how many partitions the chunk topic
 * has (so how many tasks one thread may end up owning) and the longest transaction a broker accepts.
 *
 * @param chunkPartitions partitions of the chunk topic
 * @param transactionMaxTimeout the broker's {@code transaction.max.timeout.ms}
 * @param timestampAfterMaxMs the smallest {@code message.timestamp.after.max.ms} of the topics whose
 *     records carry capture times as timestamps (masks, frame costs), topic overrides included
 * @param timestampBeforeMaxMs likewise {@code message.timestamp.before.max.ms}
 */
record ClusterLimits(int chunkPartitions, Duration transactionMaxTimeout, long timestampAfterMaxMs, long timestampBeforeMaxMs) {
  private static final Logger log = LoggerFactory.getLogger(ClusterLimits.class);
  private static final String TRANSACTION_MAX_TIMEOUT = "transaction.max.timeout.ms";
  private static final long TIMEOUT_SECONDS = 30;
  private static final String AFTER_MAX = "message.timestamp.after.max.ms";
  private static final String BEFORE_MAX = "message.timestamp.before.max.ms";
  /** The topics whose record timestamps are frames' capture times; dead letters and decisions are stamped now. */
  static final List<String> CAPTURE_TIMED_TOPICS = List.of(Topics.MASKS, Topics.FRAME_COSTS);
  /** The brokers' defaults: what a processor that cannot read the configs assumes. */
  private static final long DEFAULT_AFTER_MAX_MS = Duration.ofHours(1).toMillis();

  static ClusterLimits read(Admin admin, String chunkTopic) {
    try {
      int partitions = admin.describeTopics(List.of(chunkTopic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(chunkTopic).partitions().size();
      long[] timestamps = timestampLimits(admin);
      return new ClusterLimits(partitions, transactionMaxTimeout(admin), timestamps[0], timestamps[1]);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topic " + chunkTopic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + chunkTopic, e);
    }
  }

  /**
   * A client without the right to describe broker configs still runs, sized for the default: a
   * cluster with a lower maximum then refuses the producer, and says so, at the first transaction.
   */
  private static Duration transactionMaxTimeout(Admin admin) throws InterruptedException {
    try {
      Node broker = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).iterator().next();
      ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker.idString());
      Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
      ConfigEntry entry = config.get(TRANSACTION_MAX_TIMEOUT);
      if (entry != null && entry.value() != null) {
        return Duration.ofMillis(Long.parseLong(entry.value()));
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("cannot read the brokers' {} ({}); assuming the default {} s", TRANSACTION_MAX_TIMEOUT, e.getMessage(),
          TransactionBudget.DEFAULT_BROKER_MAXIMUM.toSeconds());
    }
    return TransactionBudget.DEFAULT_BROKER_MAXIMUM;
  }

  /** The capture times a chunk's frames may have, given the clock skew allowed and the topics' limits. */
  CaptureWindow captureWindow(Duration maxClockSkew) {
    return CaptureWindow.of(maxClockSkew, timestampAfterMaxMs, timestampBeforeMaxMs);
  }

  /**
   * Read once, at start-up: a topic override changed later is not seen, and the refused send that
   * follows is caught by {@code RefusedOutputs} instead. A topic's described value is its effective
   * one (its override, else the broker's setting, else the default).
   *
   * @return the smallest after-limit and the smallest before-limit among {@link #CAPTURE_TIMED_TOPICS}
   */
  private static long[] timestampLimits(Admin admin) throws InterruptedException {
    long after = Long.MAX_VALUE;
    long before = Long.MAX_VALUE;
    try {
      List<ConfigResource> topics = CAPTURE_TIMED_TOPICS.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (Config config : configs.values()) {
        after = Math.min(after, millis(config, AFTER_MAX, DEFAULT_AFTER_MAX_MS));
        before = Math.min(before, millis(config, BEFORE_MAX, Long.MAX_VALUE));
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("cannot read the output topics' {} and {} ({}); assuming the brokers' defaults", AFTER_MAX, BEFORE_MAX, e.getMessage());
      return new long[] {DEFAULT_AFTER_MAX_MS, Long.MAX_VALUE};
    }
    return new long[] {after, before};
  }

  private static long millis(Config config, String name, long missing) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.value() == null ? missing : Long.parseLong(entry.value());
  }
}
