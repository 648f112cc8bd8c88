package dev.resolute.config;

import java.util.OptionalInt;

/**
 * Tuning switches given as {@code -D} system properties ({@code resolute.frame.threads},
 * {@code resolute.ort.intra.op.threads}, {@code resolute.ort.spinning}): unset or blank means the
 * measured default, and a value that does not parse fails with the key's name.
 */
public final class TuningProperties {
  private TuningProperties() {}

  /** A whole number of threads, at least 1, or empty when {@code value} is unset or blank. */
  public static OptionalInt threads(String key, String value) {
    if (value == null || value.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return OptionalInt.of(threads);
      }
    } catch (NumberFormatException e) {
      // reported below, with the key's name
    }
    throw new ConfigException(key, "must be a whole number of threads >= 1, got '" + value + "'");
  }

  /** As {@link #threads(String, String)}, from the system property {@code key}. */
  public static OptionalInt threads(String key) {
    return threads(key, System.getProperty(key));
  }

  /** {@code true} or {@code false}, or {@code otherwise} when {@code value} is unset or blank. */
  public static boolean flag(String key, String value, boolean otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, "must be true or false, got '" + value + "'");
    };
  }
}
