package dev.resolute.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place credentials are taken out of text meant for people: camera URLs carry a user and
 * password (rtsp://user:password@host/...), tokens in their query ({@code ?token=}), SRT a
 * {@code passphrase=}; Kafka client settings carry keys and JAAS configs. FFmpeg and Kafka repeat
 * what they failed to use in their errors, which reach logs, error lines and reports. Redact
 * whatever is shown, not what is used.
 *
 * <p>A name means a secret when one of its parts (split at {@code . _ -} and lower-to-upper case
 * changes) is one of {@link #SECRET_PARTS}, or ends with one of {@link #SECRET_SUFFIXES}
 * ({@code apikey}, {@code accesstoken}). {@code sasl.jaas.config} is a secret as a whole: its value
 * holds passwords in a syntax of its own. The rule errs towards hiding: {@code ssl.keystore.key} and
 * {@code ...private.key.file} alike, since a path shown as {@code ***} costs a look at the config,
 * and a key shown costs a rotation.
 */
public final class Secrets {
  public static final String HIDDEN = "***";
  static final Set<String> SECRET_PARTS = Set.of("password", "passwd", "pwd", "pass", "passphrase", "token", "secret", "key",
      "auth", "authorization", "credential", "credentials", "jaas");
  static final Set<String> SECRET_SUFFIXES = Set.of("password", "passwd", "passphrase", "token", "secret", "key");

  /**
   * User-info of any scheme://user[:password]@host: everything up to the LAST @ before the path,
   * since a password may hold an @ of its own. A ? or # does not end the authority here: FFmpeg
   * takes unencoded passwords, and hiding a query by mistake beats showing a password.
   *
   * <p>Every pattern here starts with a lookbehind that allows a match to begin only where a run of
   * name characters begins, and its runs are possessive where giving back cannot help: without
   * that, find() retries from every letter of a long word and each try scans to its end, so a
   * 64 KB line of letters took seconds under the stderr lock ({@link RedactingLines}). With it
   * each character is scanned a bounded number of times (SecretsTest counts them).
   */
  static final Pattern URL_CREDENTIALS = Pattern.compile("(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*+://)[^/\\s\"'<>]*@");
  private static final String NAME = "[A-Za-z][A-Za-z0-9_.\\-]*+";
  private static final String QUOTED = "\"[^\"]*+\"|'[^']*+'";
  /**
   * An unquoted value in a query, an option list or a properties line ends only where a query
   * parameter or an option does ({@code & #}, white space, a quote): a password may hold
   * {@code , ; } ]}. One of those ends the value only where the token ends after it (white space,
   * the end, another of them), as in {@code {password=pw, user=u}}: a trailing character may show,
   * never the rest of a password.
   */
  private static final String OPTION_VALUE = "(?:[^&#\\s\"',;}\\]>]|[,;}\\]>](?![\\s,;}\\]>]|$))*+";
  /** An unquoted JSON value (a number, true) ends at JSON's own punctuation. */
  private static final String JSON_VALUE = "[^&#\\s\"'<>,;}\\]]*+";
  /** name=value in a query, an option list or a properties line; "name": "value" in JSON. */
  static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.\\-])(?:"
      + "(" + NAME + ")(\\s*+=\\s*+)(" + QUOTED + "|" + OPTION_VALUE + ")"
      + "|\"(" + NAME + ")\"(\\s*+:\\s*+)(" + QUOTED + "|" + JSON_VALUE + "))");
  /** What usage lines and picocli's errors show for an option's value ({@code KEY=VALUE}): no secret to hide. */
  private static final String USAGE_PLACEHOLDER = "VALUE";
  private static final Pattern PART_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

  private Secrets() {}

  /**
   * {@code text} with the credentials of every URL in it and the value of every secret-named
   * assignment ({@code ?token=}, {@code passphrase=}, {@code "password": "..."}) replaced by
   * {@value #HIDDEN}.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutUsers = URL_CREDENTIALS.matcher(text).replaceAll("$1" + HIDDEN + "@");
    Matcher m = ASSIGNMENT.matcher(withoutUsers);
    StringBuilder out = new StringBuilder(withoutUsers.length());
    while (m.find()) {
      boolean json = m.group(1) == null;
      String name = json ? m.group(4) : m.group(1);
      String value = json ? m.group(6) : m.group(3);
      if (!isSecretName(name) || USAGE_PLACEHOLDER.equals(value)) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String quote = !value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'') ? value.substring(0, 1) : "";
      String shown = json ? "\"" + name + "\"" + m.group(5) : name + m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(shown + quote + HIDDEN + quote));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether a setting, option or query parameter of this name holds a secret (see the class comment). */
  public static boolean isSecretName(String name) {
    if (name == null) {
      return false;
    }
    for (String part : PART_BREAK.split(name)) {
      String lower = part.toLowerCase(Locale.ROOT);
      if (SECRET_PARTS.contains(lower) || SECRET_SUFFIXES.stream().anyMatch(lower::endsWith)) {
        return true;
      }
    }
    return false;
  }

  /** Options or settings with the value of every secret-named one hidden and every other value redacted as text. */
  public static Map<String, String> redact(Map<String, ?> settings) {
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((name, value) -> shown.put(name, isSecretName(name) ? HIDDEN : redact(String.valueOf(value))));
    return shown;
  }
}
