package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.cli.ExitCodes;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.broker.SecuredBrokers;
import dev.resolute.testkit.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --kafka-config} against the project's own broker with a SASL_PLAINTEXT
 * (SCRAM-SHA-256) listener and with a TLS one: every frame comes through. The failures of a wrong
 * login or an untrusted certificate are the product's (processor's {@code SecuredClusterIT}).
 */
class SecuredDemoIT {
  private static SecuredBrokers brokers;
  @TempDir Path dir;

  @BeforeAll
  static void startKafka() {
    brokers = SecuredBrokers.start();
  }

  @AfterAll
  static void stopKafka() {
    brokers.close();
  }

  @Test
  void shouldSegmentThroughTheSecuredListenerWithTheRightLogin() throws Exception {
    String seen = demoSegmentsEveryFrame(brokers.scram(), "secured");

    assertThat(seen).doesNotContain(brokers.password());
  }

  @Test
  void shouldSegmentOverTlsTrustingTheBrokersCertificate() throws Exception {
    demoSegmentsEveryFrame(brokers.tls(), "tls");
  }

  /** Runs two seconds of the demo through {@code broker}'s own client settings; returns all it wrote and said. */
  private String demoSegmentsEveryFrame(EmbeddedKafkaBroker broker, String cameraId) throws Exception {
    Path config = SecuredBrokers.writeClientConfig(dir, broker.clientProperties());
    Path out = dir.resolve(cameraId + "-out");
    CliRun cli = new CliRun();

    int code = cli.execute("demo", "--duration", "2", "--speed", "max", "--camera-id", cameraId,
        "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config", config.toString(), "--out", out.toString());

    assertThat(code).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("framesIn").asLong()).isEqualTo(20);
    assertThat(summary.get("masksOut").asLong() + summary.get("framesSkipped").asLong()).isEqualTo(20);
    return Files.readString(out.resolve("summary.json")) + cli.out + cli.err;
  }
}
