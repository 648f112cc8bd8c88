package dev.resolute.schemas;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for camera ids, checked where a chunk is made (ingest) and where it is read (the
 * processor, the viewer). A camera id becomes a Kafka record key, a Prometheus label, a file name
 * and an HTML card; Avro alone lets it be a mebibyte of anything, so a forged record could turn it
 * into a label the size of a scrape, a path, or markup. Letters, digits, '.', '_' and '-', at most
 * {@value #MAX_LENGTH} characters, not starting with '.' or '-' (no hidden file, no command-line
 * option), is safe in all four places and covers the names operators give cameras.
 */
public final class CameraIds {
  public static final int MAX_LENGTH = 128;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  private CameraIds() {}

  /** Why {@code id} is not a camera id, or empty when it is one. */
  public static Optional<String> problem(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.of("camera id is empty");
    }
    if (id.length() > MAX_LENGTH) {
      return Optional.of("camera id is " + id.length() + " characters long (at most " + MAX_LENGTH + ")");
    }
    if (!ALLOWED.matcher(id).matches()) {
      return Optional.of("camera id '" + printable(id) + "' has characters other than letters, digits, '.', '_' and '-'"
          + " or starts with '.' or '-'");
    }
    return Optional.empty();
  }

  public static boolean valid(String id) {
    return problem(id).isEmpty();
  }

  /** {@code id} itself when valid; otherwise an {@link IllegalArgumentException} saying why. */
  public static String require(String id) {
    problem(id).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
    return id;
  }

  /**
   * An invalid id as it may appear in a reason or a log line: control characters escaped and the
   * length capped, so that the text an attacker chose cannot forge log lines or fill them.
   */
  public static String printable(String id) {
    if (id == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int limit = Math.min(id.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = id.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (id.length() > limit) {
      out.append("...(").append(id.length()).append(" chars)");
    }
    return out.toString();
  }
}
