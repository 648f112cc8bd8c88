package dev.resolute.testkit.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The two secured clusters the tests of {@code --kafka-config} run against, started together: one
 * with a SASL_PLAINTEXT (SCRAM-SHA-256) listener, one with TLS. The product's failures (a wrong
 * login, an untrusted certificate) and the workbench's data path are tested against the same pair.
 */
public final class SecuredBrokers implements AutoCloseable {
  public static final String USER = "alice";

  /** A fresh password per run: a test that finds it in output has found a leak, not a coincidence. */
  private final String password = "pw-" + UUID.randomUUID();
  private final EmbeddedKafkaBroker scram;
  private final EmbeddedKafkaBroker tls;

  private SecuredBrokers() {
    scram = EmbeddedKafkaBroker.startTemporaryWithScram(USER, password);
    tls = EmbeddedKafkaBroker.startTemporaryWithTls();
  }

  public static SecuredBrokers start() {
    return new SecuredBrokers();
  }

  public EmbeddedKafkaBroker scram() {
    return scram;
  }

  public EmbeddedKafkaBroker tls() {
    return tls;
  }

  public String password() {
    return password;
  }

  /** Writes {@code properties} into a new {@code --kafka-config} file in {@code dir}, keys sorted. */
  public static Path writeClientConfig(Path dir, Map<String, String> properties) throws IOException {
    StringBuilder text = new StringBuilder("# written by a test of secured clusters\n");
    new TreeMap<>(properties).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return Files.writeString(Files.createTempFile(dir, "client-", ".properties"), text);
  }

  @Override
  public void close() {
    scram.close();
    tls.close();
  }
}
