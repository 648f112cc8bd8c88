package dev.resolute.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka client properties from a user's file ({@code --kafka-config}): security.protocol, SASL,
 * SSL, anything a Kafka client takes. They go under every client the process creates; where
 * Resolute sets a key itself (acks, idempotence, isolation, exactly-once, sizes), Resolute's value
 * wins, because correctness depends on it. {@code bootstrap.servers} belongs on the command line:
 * the file may repeat it only with the same value.
 *
 * <p>{@link #toString()} and {@link #redacted()} hide secrets, so that the config can be logged.
 */
public final class KafkaClientConfig {
  private static final String HIDDEN = Secrets.HIDDEN;
  private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");
  private static final KafkaClientConfig NONE = new KafkaClientConfig(null, Map.of());

  private final Path source;
  private final Map<String, String> entries;

  private KafkaClientConfig(Path source, Map<String, String> entries) {
    this.source = source;
    this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /** No file: a plaintext cluster that needs no client settings. */
  public static KafkaClientConfig none() {
    return NONE;
  }

  /**
   * Reads {@code file}; a file that cannot be read, a line without a value, or a {@code
   * bootstrap.servers} other than {@code bootstrapServers} fails with the file's name and the line.
   */
  public static KafkaClientConfig load(Path file, String bootstrapServers) {
    String option = "--kafka-config " + file;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(option, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    Properties props = new Properties();
    try {
      props.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) { // a malformed \\uXXXX escape
      throw new ConfigException(option, "is not a properties file: " + e.getMessage());
    }
    Map<String, String> entries = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key).trim();
      if (value.isEmpty()) {
        // "security.protocol SASL_SSL" is valid syntax, but a key alone is almost always a typo
        throw new ConfigException(option, "line " + lineOf(text, key) + ": '" + key + "' has no value (expected KEY=VALUE)");
      }
      entries.put(key, value);
    }
    String fileBootstrap = entries.remove("bootstrap.servers");
    if (fileBootstrap != null && bootstrapServers != null && !sameServers(fileBootstrap, bootstrapServers)) {
      throw new ConfigException(option, "line " + lineOf(text, "bootstrap.servers") + ": bootstrap.servers=" + fileBootstrap
          + " conflicts with --bootstrap-servers " + bootstrapServers + " (give the servers on the command line only)");
    }
    return new KafkaClientConfig(file, entries);
  }

  /** The file these came from, or null for {@link #none()}. */
  public Path source() {
    return source;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public Map<String, String> entries() {
    return entries;
  }

  /** The file's settings with {@code own} on top: what a Kafka client of Resolute's is given. */
  public Properties under(Properties own) {
    Properties merged = new Properties();
    merged.putAll(entries);
    merged.putAll(own);
    return merged;
  }

  /** The file's settings and {@code bootstrap.servers}, for an Admin client. */
  public Properties withBootstrap(String bootstrapServers) {
    Properties own = new Properties();
    own.put("bootstrap.servers", bootstrapServers);
    return under(own);
  }

  /** The settings with every secret value replaced, safe to print. */
  public Map<String, String> redacted() {
    return redact(entries);
  }

  /** {@code config} with the value of every key that names a secret replaced, by {@link Secrets}' name rule. */
  public static Map<String, String> redact(Map<String, ?> config) {
    return Secrets.redact(config);
  }

  public static boolean isSecret(String key) {
    return Secrets.isSecretName(key);
  }

  /**
   * {@code text} (an exception's message, say) with any secret of this config blanked out: Kafka's
   * messages do not quote passwords, but a message built from a config value might.
   */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String scrubbed = text;
    for (String secret : secrets()) {
      scrubbed = scrubbed.replace(secret, HIDDEN);
    }
    return scrubbed;
  }

  private List<String> secrets() {
    return entries.entrySet().stream()
        .filter(e -> isSecret(e.getKey()))
        .flatMap(e -> {
          Matcher m = JAAS_PASSWORD.matcher(e.getValue());
          List<String> inside = m.results().map(r -> r.group(1)).filter(s -> !s.isEmpty()).toList();
          return java.util.stream.Stream.concat(java.util.stream.Stream.of(e.getValue()), inside.stream());
        })
        .filter(s -> s.length() >= 3) // blanking "a" everywhere would garble the message, not protect anything
        .sorted((a, b) -> b.length() - a.length())
        .toList();
  }

  @Override
  public String toString() {
    return source == null ? "no Kafka client config" : source + " " + redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaClientConfig other && entries.equals(other.entries) && java.util.Objects.equals(source, other.source);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  private static boolean sameServers(String a, String b) {
    return normalised(a).equals(normalised(b));
  }

  private static List<String> normalised(String servers) {
    return Arrays.stream(servers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).sorted().toList();
  }

  /** 1-based line where {@code key} is defined, for the error message; 0 when it cannot be told. */
  private static int lineOf(String text, String key) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) { // Properties keeps the last definition
      String line = lines[i].stripLeading();
      if (line.startsWith(key) && (line.length() == key.length() || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
        return i + 1;
      }
    }
    return 0;
  }
}
