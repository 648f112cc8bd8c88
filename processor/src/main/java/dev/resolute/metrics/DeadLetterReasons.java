package dev.resolute.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dead-letter reasons grouped by what went wrong rather than where: a run that dead-letters every
 * chunk of a camera writes one reason per chunk, and a person needs to read the cause once, with
 * how often it happened.
 *
 * <p>Two reasons fall into one group when they are the same once the {@code chunk N of camera ID}
 * prefix is gone and their numbers are left out. A number that is the same in every reason of a
 * group stays (a frame size says something); one that differs shows as {@code N}.
 */
public final class DeadLetterReasons {
  /** One cause: the reason as grouped, how many letters gave it, and one of them in full. */
  public record Group(String reason, long count, String example) {}

  private static final Pattern WHERE = Pattern.compile("^chunk -?\\d+ of camera \\S+?(?::\\s+|\\s+)");
  // decimals, hex literals and the hex identity hashes of Object.toString
  private static final Pattern NUMBER = Pattern.compile("0x[0-9a-fA-F]+|(?<=@)[0-9a-fA-F]+\\b|\\d+(?:\\.\\d+)?");
  static final String VARYING = "N";

  private DeadLetterReasons() {}

  /** The groups, most frequent first (then alphabetically, so that output is stable). */
  public static List<Group> group(List<String> reasons) {
    Map<List<String>, Shape> byText = new LinkedHashMap<>();
    for (String reason : reasons) {
      Shape shape = new Shape(reason);
      byText.merge(shape.parts, shape, Shape::absorb);
    }
    List<Group> groups = new ArrayList<>();
    byText.values().forEach(shape -> groups.add(new Group(shape.render(), shape.count, shape.example)));
    groups.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::reason));
    return groups;
  }

  /**
   * A reason as one fixed text for every letter of its kind: without the {@code chunk N of camera
   * ID} prefix and with every number as {@code N}. Unlike {@link #group} it needs no other letters,
   * so a counter can be labelled by it as letters arrive without the label set growing per chunk.
   */
  public static String shape(String reason) {
    return NUMBER.matcher(WHERE.matcher(reason).replaceFirst("")).replaceAll(VARYING);
  }

  /** Grouped reason to count, in the order of {@link #group}: what {@code summary.json} carries. */
  public static Map<String, Long> counts(List<Group> groups) {
    Map<String, Long> counts = new LinkedHashMap<>();
    groups.forEach(g -> counts.put(g.reason(), g.count()));
    return counts;
  }

  /** A reason split into its text with holes and the numbers in the holes. */
  private static final class Shape {
    final String example;
    final List<String> parts = new ArrayList<>();
    final List<String> numbers = new ArrayList<>();
    long count = 1;

    Shape(String reason) {
      example = reason;
      String what = WHERE.matcher(reason).replaceFirst("");
      Matcher m = NUMBER.matcher(what);
      int from = 0;
      while (m.find()) {
        parts.add(what.substring(from, m.start()));
        numbers.add(m.group());
        from = m.end();
      }
      parts.add(what.substring(from));
    }

    Shape absorb(Shape other) {
      for (int i = 0; i < numbers.size(); i++) {
        if (!numbers.get(i).equals(other.numbers.get(i))) {
          numbers.set(i, VARYING);
        }
      }
      count += other.count;
      return this;
    }

    String render() {
      StringBuilder text = new StringBuilder(parts.get(0));
      for (int i = 0; i < numbers.size(); i++) {
        text.append(numbers.get(i)).append(parts.get(i + 1));
      }
      return text.toString();
    }
  }
}
