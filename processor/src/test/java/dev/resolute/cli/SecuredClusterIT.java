package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.broker.SecuredBrokers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config} against the project's own broker with a SASL_PLAINTEXT (SCRAM-SHA-256)
 * listener: a wrong login, or no broker at all, ends the command with one line in bounded time
 * (that data flows with the right login is the workbench's {@code SecuredDemoIT}, through {@code demo}). Failures run {@code resolute} in a JVM of its own, because what
 * counts is everything the user sees on stderr, the Kafka client's own log lines included.
 */
class SecuredClusterIT {
  private static SecuredBrokers brokers;
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedKafkaBroker tlsKafka;
  @TempDir Path dir;

  @BeforeAll
  static void startKafka() {
    brokers = SecuredBrokers.start();
    kafka = brokers.scram();
    tlsKafka = brokers.tls();
  }

  @AfterAll
  static void stopKafka() {
    brokers.close();
  }

  @Test
  void shouldEndWithOneLineWhenThePasswordIsWrong() throws Exception {
    String wrong = "wrong-" + UUID.randomUUID();

    Outcome outcome = resolute("ingest", "--camera", "c=rtsp://127.0.0.1:9/none", "--bootstrap-servers", kafka.bootstrapServers(),
        "--kafka-config", clientConfig(wrong).toString());

    assertThat(outcome.code).as(outcome.stderr).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.seconds).as(outcome.stderr).isLessThan(30);
    assertThat(outcome.errorLines()).as(outcome.stderr).singleElement().asString()
        .startsWith("error: Kafka at " + kafka.bootstrapServers() + " refused the login: ")
        .contains("SCRAM-SHA-256");
    assertThat(outcome.stderr).doesNotContain(wrong, brokers.password());
    assertThat(outcome.lines()).as(outcome.stderr).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void shouldEndWithOneLineWhenNoBrokerListensAtTheAddress() throws Exception {
    String nowhere = "127.0.0.1:" + freePort();

    Outcome outcome = resolute("ingest", "--camera", "c=rtsp://127.0.0.1:9/none", "--bootstrap-servers", nowhere,
        "--kafka-config", clientConfig(brokers.password()).toString());

    assertThat(outcome.code).as(outcome.stderr).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.seconds).as(outcome.stderr).isLessThan(20);
    assertThat(outcome.errorLines()).as(outcome.stderr).singleElement().asString()
        .startsWith("error: no Kafka broker reachable at " + nowhere + " (connection refused)");
    assertThat(outcome.lines()).as("nothing else, the client's connection warnings least of all: %s", outcome.stderr).hasSize(1);
  }

  @Test
  void shouldEndWithinTheTimeoutWhenAPlaintextClientMeetsTheSecuredListener() throws Exception {
    Outcome outcome = resolute("ingest", "--camera", "c=rtsp://127.0.0.1:9/none", "--bootstrap-servers", kafka.bootstrapServers(),
        "--kafka-timeout", "3");

    assertThat(outcome.code).as(outcome.stderr).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.seconds).as(outcome.stderr).isLessThan(20);
    assertThat(outcome.errorLines()).as(outcome.stderr).singleElement().asString()
        .contains("did not answer within 3 s; does security.protocol=PLAINTEXT match that listener?");
  }

  @Test
  void shouldEndWithOneLineWhenTheBrokersCertificateIsNotTrusted() throws Exception {
    // TLS with the JDK's default trust store: the broker's self-signed certificate is not in it
    Path config = SecuredBrokers.writeClientConfig(dir, Map.of("security.protocol", "SSL"));

    Outcome outcome = resolute("ingest", "--camera", "c=rtsp://127.0.0.1:9/none", "--bootstrap-servers",
        tlsKafka.bootstrapServers(), "--kafka-config", config.toString());

    assertThat(outcome.code).as(outcome.stderr).isEqualTo(ExitCodes.USAGE);
    assertThat(outcome.seconds).as(outcome.stderr).isLessThan(30);
    assertThat(outcome.errorLines()).as(outcome.stderr).singleElement().asString()
        .startsWith("error: SSL handshake with Kafka at " + tlsKafka.bootstrapServers() + " failed");
  }

  private Path clientConfig(String login) throws IOException {
    Map<String, String> props = new java.util.TreeMap<>(kafka.clientProperties());
    props.put("sasl.jaas.config", props.get("sasl.jaas.config").replace(brokers.password(), login));
    return SecuredBrokers.writeClientConfig(dir, props);
  }

  private Outcome resolute(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ResoluteCli.class.getName()));
    command.addAll(List.of(args));
    Path stderr = dir.resolve("stderr-" + UUID.randomUUID() + ".txt");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("resolute " + String.join(" ", args) + " did not end within 90 s: "
          + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return new Outcome(process.exitValue(), (System.nanoTime() - start) / 1e9, Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private record Outcome(int code, double seconds, String stderr) {
    List<String> lines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    List<String> errorLines() {
      return lines().stream().filter(l -> l.startsWith("error:")).toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
