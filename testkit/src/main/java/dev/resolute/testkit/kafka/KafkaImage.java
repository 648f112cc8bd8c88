package dev.resolute.testkit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The Kafka image the integration tests run their broker in: deploy/docker/kafka's Dockerfile with
 * the broker's jars from this build's class path, on the local Debian base image. Built once per
 * test JVM; Docker's layer cache makes every build after the first a matter of seconds. Nothing is
 * pulled: the base must be there (deploy/docker/build-base-image.sh makes it).
 */
final class KafkaImage {
  static final String BASE = "resolute/debian:bookworm";
  static final String NAME = "resolute/kafka:" + kafkaVersion();
  /** What keeps Testcontainers from pulling images of its own (Ryuk, start-up checks, the host's address). */
  private static final List<String> NO_PULLS = List.of("TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_CHECKS_DISABLE",
      "TESTCONTAINERS_HOST_OVERRIDE");

  private static String built;

  private KafkaImage() {}

  /** Why the image cannot be built here, or null when it can. */
  static String whyNot() {
    for (String setting : NO_PULLS) {
      if (System.getenv(setting) == null || System.getenv(setting).isBlank()) {
        return setting + " is not set (the processor module's failsafe configuration sets it), and Testcontainers"
            + " would pull an image for want of it";
      }
    }
    if (!Files.isDirectory(lib())) {
      return "no broker class path at " + lib() + " (the testkit module's package phase copies it)";
    }
    return dockerHas(BASE) ? null : "no Docker engine answers, or it lacks the base image " + BASE
        + " (deploy/docker/build-base-image.sh makes it)";
  }

  static synchronized String build() {
    if (built == null) {
      String problem = whyNot();
      if (problem != null) {
        throw new IllegalStateException("cannot build " + NAME + ": " + problem);
      }
      Path dir = Path.of(System.getProperty("resolute.test.kafka.image.dir", "../deploy/docker/kafka"));
      // kept after the run (not deleted on exit): the next run's build finds every layer cached
      built = new ImageFromDockerfile(NAME, false)
          .withFileFromPath("Dockerfile", dir.resolve("Dockerfile"))
          .withFileFromPath("start.sh", dir.resolve("start.sh"))
          .withFileFromPath("lib", lib())
          .get();
    }
    return built;
  }

  private static Path lib() {
    return Path.of(System.getProperty("resolute.test.kafka.image.lib", "target/kafka-image/lib"));
  }

  /** The version kafka-clients says it is (its jar carries it for exactly this). */
  private static String kafkaVersion() {
    try (InputStream in = Admin.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean dockerHas(String image) {
    try {
      Process p = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException | InterruptedException noDocker) {
      return false;
    }
  }
}
