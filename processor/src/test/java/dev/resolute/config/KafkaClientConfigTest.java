package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.app.ProcessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"s3cret-pw\";";

  @TempDir Path dir;

  @Test
  void shouldLoadTheFileAndLetResolutesOwnSettingsWin() throws Exception {
    Path file = write("# a comment\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism : SCRAM-SHA-256\nacks=1\n");

    Properties own = new Properties();
    own.put("acks", "all");
    Properties merged = KafkaClientConfig.load(file, "k:9092").under(own);

    assertThat(merged).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("acks", "all");
  }

  @Test
  void shouldNameTheFileWhenItCannotBeRead() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> KafkaClientConfig.load(missing, "k:9092"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("--kafka-config " + missing + ": cannot be read");
  }

  @Test
  void shouldNameTheLineOfAKeyWithoutValue() throws Exception {
    Path file = write("security.protocol=SSL\n\nssl.truststore.location\n");

    assertThatThrownBy(() -> KafkaClientConfig.load(file, "k:9092"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 3: 'ssl.truststore.location' has no value");
  }

  @Test
  void shouldRejectABootstrapServersThatConflictsWithTheCommandLine() throws Exception {
    Path file = write("security.protocol=SSL\nbootstrap.servers=other:9093\n");

    assertThatThrownBy(() -> KafkaClientConfig.load(file, "k:9092"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2: bootstrap.servers=other:9093 conflicts with --bootstrap-servers k:9092");
  }

  @Test
  void shouldAcceptTheSameBootstrapServersInAnyOrderAndKeepTheCommandLinesOnly() throws Exception {
    Path file = write("bootstrap.servers=b:2, a:1\n");

    KafkaClientConfig config = KafkaClientConfig.load(file, "a:1,b:2");

    assertThat(config.entries()).doesNotContainKey("bootstrap.servers");
    assertThat(config.withBootstrap("a:1,b:2")).containsEntry("bootstrap.servers", "a:1,b:2");
  }

  @Test
  void shouldHideSecretsWhenPrinted() throws Exception {
    Path file = write("sasl.jaas.config=" + JAAS + "\nssl.keystore.password=ks-pw\nssl.key.password=key-pw\n"
        + "sasl.oauthbearer.client.credentials.client.secret=oauth-secret\nsecurity.protocol=SASL_SSL\n");

    KafkaClientConfig config = KafkaClientConfig.load(file, "k:9092");

    assertThat(config.redacted()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "***").containsEntry("ssl.keystore.password", "***")
        .containsEntry("ssl.key.password", "***")
        .containsEntry("sasl.oauthbearer.client.credentials.client.secret", "***");
    assertThat(config.toString()).doesNotContain("s3cret-pw", "ks-pw", "key-pw", "oauth-secret");
    assertThat(new ProcessorConfig("k:9092", "resolute", dir, 8, 1, (short) 1, java.time.Duration.ofMinutes(1),
        dev.resolute.control.ControlConfig.defaults(dev.resolute.control.Policy.ADAPTIVE)).withKafkaClient(config).toString())
        .doesNotContain("s3cret-pw", "ks-pw");
  }

  @Test
  void shouldHideKeysPassphrasesAndJaasConfigsByTheSecretNameRule() throws Exception {
    Path file = write("ssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY-----MIIkey\n"
        + "sasl.oauthbearer.assertion.private.key.passphrase=assert-pp\nsasl.jaas.config=" + JAAS + "\n"
        + "ssl.keystore.location=/etc/ks.p12\n");

    KafkaClientConfig config = KafkaClientConfig.load(file, "k:9092");

    assertThat(config.toString()).doesNotContain("MIIkey", "assert-pp", "s3cret-pw", "PlainLoginModule").contains("/etc/ks.p12");
    assertThat(config.redacted()).containsEntry("ssl.keystore.key", "***")
        .containsEntry("sasl.oauthbearer.assertion.private.key.passphrase", "***");
  }

  @Test
  void shouldScrubAPasswordOutOfAMessage() throws Exception {
    KafkaClientConfig config = KafkaClientConfig.load(write("sasl.jaas.config=" + JAAS + "\n"), "k:9092");

    assertThat(config.scrub("login as alice with s3cret-pw failed")).isEqualTo("login as alice with *** failed");
  }

  @Test
  void shouldRedactAnyClientConfigByKeyName() {
    assertThat(KafkaClientConfig.redact(Map.of("ssl.truststore.password", "x", "linger.ms", 5)))
        .isEqualTo(Map.of("ssl.truststore.password", "***", "linger.ms", "5"));
  }

  @Test
  void shouldPutTheFileUnderEveryStreamsClient() throws Exception {
    KafkaClientConfig config = KafkaClientConfig.load(write("security.protocol=SASL_PLAINTEXT\n"), "k:9092");

    ProcessorConfig processor = ProcessorConfig.local("k:9092", dir).withKafkaClient(config);
    Properties streams = processor.streamsProperties(processor.transactionBudget(1, TransactionBudget.DEFAULT_BROKER_MAXIMUM));

    assertThat(streams).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("processing.guarantee", "exactly_once_v2");
    assertThat(processor.adminProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("bootstrap.servers", "k:9092");
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("client.properties"), text);
  }
}
