package dev.resolute.testkit.kafka;

import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.broker.KafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real broker an integration test runs against. {@code -Dresolute.test.kafka=testcontainers}
 * runs it in a container of the Kafka image built here ({@link KafkaImage}), {@code embedded} as
 * the project's own KRaft broker in a child JVM, and {@code auto} (the default) in a container
 * whenever Docker answers and has the local base image, else embedded. Nothing is ever pulled.
 */
public final class KafkaTestCluster {
  private static final Logger log = LoggerFactory.getLogger(KafkaTestCluster.class);

  private KafkaTestCluster() {}

  public static KafkaCluster start() {
    String choice = System.getProperty("resolute.test.kafka", "auto");
    boolean containers = switch (choice) {
      case "embedded" -> false;
      case "testcontainers" -> true;
      case "auto" -> {
        String whyNot = KafkaImage.whyNot();
        if (whyNot != null) {
          log.info("no Testcontainers: {}", whyNot);
        }
        yield whyNot == null;
      }
      default -> throw new IllegalArgumentException("resolute.test.kafka: expected embedded, testcontainers or auto, got " + choice);
    };
    if (!containers) {
      log.info("integration tests use the embedded KRaft broker");
      return EmbeddedKafkaBroker.startTemporary();
    }
    String image = KafkaImage.build();
    log.info("integration tests use Testcontainers ({} on {})", image, KafkaImage.BASE);
    KafkaBrokerContainer container = new KafkaBrokerContainer(image);
    container.start();
    return container;
  }
}
