package dev.resolute.testing;

import dev.resolute.broker.EmbeddedKafkaBroker;
import dev.resolute.broker.KafkaCluster;
import dev.resolute.topology.Topics;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real broker an integration test runs against. {@code -Dresolute.test.kafka=embedded} uses the
 * project's own KRaft broker, {@code =testcontainers} the official image through Testcontainers,
 * and {@code auto} (the default) Testcontainers only when Docker answers and already has the image,
 * because pulling (or Testcontainers' retries when it cannot) would cost minutes.
 */
public final class KafkaTestCluster {
  private static final Logger log = LoggerFactory.getLogger(KafkaTestCluster.class);
  static final String IMAGE = "apache/kafka:4.4.0";

  private KafkaTestCluster() {}

  public static KafkaCluster start() {
    String choice = System.getProperty("resolute.test.kafka", "auto");
    boolean containers = switch (choice) {
      case "embedded" -> false;
      case "testcontainers" -> true;
      case "auto" -> dockerHasImage();
      default -> throw new IllegalArgumentException("resolute.test.kafka: expected embedded, testcontainers or auto, got " + choice);
    };
    log.info("integration tests use {}", containers ? "Testcontainers (" + IMAGE + ")" : "the embedded KRaft broker");
    return containers ? ContainerCluster.start() : EmbeddedKafkaBroker.startTemporary();
  }

  private static boolean dockerHasImage() {
    try {
      Process p = new ProcessBuilder("docker", "image", "inspect", IMAGE).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (Exception noDocker) {
      return false;
    }
  }

  private static final class ContainerCluster implements KafkaCluster {
    private final org.testcontainers.kafka.KafkaContainer container;

    private ContainerCluster(org.testcontainers.kafka.KafkaContainer container) {
      this.container = container;
    }

    static ContainerCluster start() {
      var container = new org.testcontainers.kafka.KafkaContainer(IMAGE)
          .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(Topics.MAX_MESSAGE_BYTES))
          .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
      container.start();
      return new ContainerCluster(container);
    }

    @Override
    public String bootstrapServers() {
      return container.getBootstrapServers();
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
