package dev.resolute.testkit.broker;

import java.time.Duration;
import java.util.Map;

/**
 * What a single-node KRaft broker (combined broker and controller) of Resolute's runs with, wherever
 * it runs: the embedded broker in a child JVM, or the Kafka image the integration tests start
 * through Testcontainers. One node cannot replicate, so every internal topic has one replica;
 * messages as large as Resolute's topics take; transactions as long as a slow chunk may need.
 */
public final class SingleNodeSettings {
  private static final int MAX_MESSAGE_BYTES = dev.resolute.schemas.topic.Topics.MAX_MESSAGE_BYTES;
  /**
   * A stream thread's transaction spans one chunk of every task it owns (Kafka Streams processes one
   * record per task, then commits), so the processor asks for the slowest chunk times its tasks:
   * 32 cameras on one thread at the default 60 s are 32.5 min, which Kafka's default of 15 min
   * refuses, and the load test runs every camera on one thread. That default guards a shared
   * cluster against clients that hold the last stable offset back for long; this node serves one
   * Resolute run and nothing else, so it takes what 100 such tasks a thread ask for.
   */
  public static final Duration TRANSACTION_MAX_TIMEOUT = Duration.ofHours(2);

  private SingleNodeSettings() {}

  /**
   * @param dataDir where the node keeps its logs
   * @param controllerAddress host:port of the node's own controller listener
   */
  public static Map<String, String> of(String dataDir, String controllerAddress) {
    return Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@" + controllerAddress),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("log.dirs", dataDir),
        Map.entry("auto.create.topics.enable", "false"),
        // one node: internal topics cannot be replicated, and exactly-once needs them anyway
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "4"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "4"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("transaction.max.timeout.ms", String.valueOf(TRANSACTION_MAX_TIMEOUT.toMillis())));
  }
}
