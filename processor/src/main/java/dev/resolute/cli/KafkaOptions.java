package dev.resolute.cli;

import dev.resolute.config.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers}, {@code --kafka-config} and {@code --kafka-timeout}: declared once, so
 * that every command that talks to Kafka spells and checks them the same way. The cluster is not
 * required by picocli because demo, chaos and loadtest start an embedded broker without it; the
 * commands that need one ask for it through {@link #connect()}.
 */
public final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "The Kafka cluster (HOST:PORT[,HOST:PORT...]). run, ingest, view, redrive, record and replay need one; "
          + "demo, chaos and loadtest start an embedded broker without it.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties for every client (security.protocol, sasl.*, ssl.*); see docs/secured-clusters.md.")
  Path file;

  @Option(names = "--kafka-timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "How long to wait at start-up for the cluster to answer before giving up (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  /** The cluster this command must have: its absence is a usage error (exit 2), not a failure. */
  public String bootstrapServers() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new UserError("missing --bootstrap-servers HOST:PORT: this command needs a Kafka cluster");
    }
    return bootstrapServers;
  }

  /** The cluster, or null for the embedded broker of the commands that can start one. */
  public String bootstrapServersIfGiven() {
    return bootstrapServers;
  }

  /** The {@code --kafka-config} file, or null: for commands that pass it on to processes they start. */
  public Path configFile() {
    return file;
  }

  /**
   * Loads {@code --kafka-config} and checks that the cluster at {@code --bootstrap-servers} answers
   * and accepts it; anything wrong ends the command with one line and exit code 2.
   */
  public KafkaClientConfig connect() {
    String bootstrapServers = bootstrapServers();
    if (!(timeoutSeconds > 0)) {
      throw new UserError("--kafka-timeout must be > 0 seconds, got " + timeoutSeconds);
    }
    KafkaClientConfig client = file == null ? KafkaClientConfig.none() : KafkaClientConfig.load(file, bootstrapServers);
    ClusterCheck.verify(bootstrapServers, client, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    return client;
  }

  /** For commands that start the embedded broker unless given a cluster: the file makes sense only with one. */
  public KafkaClientConfig connectIfGiven() {
    if (bootstrapServers != null) {
      return connect();
    }
    if (file != null) {
      throw new UserError("--kafka-config " + file + " needs --bootstrap-servers: the embedded broker takes plaintext clients only");
    }
    return KafkaClientConfig.none();
  }
}
