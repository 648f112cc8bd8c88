package dev.resolute.workbench.chaos;

import dev.resolute.config.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a chaos run does. {@code bootstrapServers} null means an embedded broker of its own, which
 * it may also kill; otherwise the given cluster, whose brokers it leaves alone, reached with
 * {@code kafkaClient}'s settings (security) by chaos's own clients and the processors it starts. {@code kinds} are
 * the attacks of the run ({@link HostileKind#all()} by default); {@code hostile} counts the records
 * of the kinds that take turns, the forged ids come on top.
 */
public record ChaosOptions(Duration duration, int kills, int brokerRestarts, int hostile, int cameras, Path out,
    String bootstrapServers, KafkaClientConfig kafkaClient, String applicationId, String instanceId, long seed, Set<HostileKind> kinds) {
  public ChaosOptions {
    kafkaClient = kafkaClient == null ? KafkaClientConfig.none() : kafkaClient;
    kinds = kinds.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    if (duration.toSeconds() < 10) {
      throw new IllegalArgumentException("a run of under 10 s leaves no room for kills");
    }
    if (kills < 0 || brokerRestarts < 0 || hostile < 0 || cameras < 1) {
      throw new IllegalArgumentException("kills, broker restarts and hostile records must be 0 or more, cameras 1 or more");
    }
  }

  public boolean embedded() {
    return bootstrapServers == null;
  }
}
