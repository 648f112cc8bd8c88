package dev.resolute.cli;

import dev.resolute.config.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --kafka-config} and {@code --kafka-timeout}, for every command that talks to an existing cluster. */
public final class KafkaOptions {
  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties for every client (security.protocol, sasl.*, ssl.*); see README, Secured clusters.")
  Path file;

  @Option(names = "--kafka-timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "How long to wait at start-up for the cluster to answer before giving up (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  /**
   * Loads {@code --kafka-config} and checks that the cluster at {@code bootstrapServers} answers and
   * accepts it; anything wrong ends the command with one line and exit code 2.
   */
  public KafkaClientConfig connect(String bootstrapServers) {
    if (!(timeoutSeconds > 0)) {
      throw new UserError("--kafka-timeout must be > 0 seconds, got " + timeoutSeconds);
    }
    KafkaClientConfig client = file == null ? KafkaClientConfig.none() : KafkaClientConfig.load(file, bootstrapServers);
    ClusterCheck.verify(bootstrapServers, client, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    return client;
  }

  /** For commands that start the embedded broker unless given a cluster: the file makes sense only with one. */
  public KafkaClientConfig connectIfGiven(String bootstrapServers) {
    if (bootstrapServers != null) {
      return connect(bootstrapServers);
    }
    if (file != null) {
      throw new UserError("--kafka-config " + file + " needs --bootstrap-servers: the embedded broker takes plaintext clients only");
    }
    return KafkaClientConfig.none();
  }
}
