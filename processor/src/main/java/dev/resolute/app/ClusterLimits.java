package dev.resolute.app;

import dev.resolute.config.TransactionBudget;
import java.time.Duration;
import java.util.List;
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
 */
record ClusterLimits(int chunkPartitions, Duration transactionMaxTimeout) {
  private static final Logger log = LoggerFactory.getLogger(ClusterLimits.class);
  private static final String TRANSACTION_MAX_TIMEOUT = "transaction.max.timeout.ms";
  private static final long TIMEOUT_SECONDS = 30;

  static ClusterLimits read(Admin admin, String chunkTopic) {
    try {
      int partitions = admin.describeTopics(List.of(chunkTopic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(chunkTopic).partitions().size();
      return new ClusterLimits(partitions, transactionMaxTimeout(admin));
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
}
