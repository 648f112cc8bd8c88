package dev.resolute.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names a PromQL expression reads. Enough of PromQL for a dashboard: label matchers,
 * grouping clauses, ranges, strings and function calls are taken out, and what identifiers remain
 * are series.
 */
final class PromQlSeries {
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
      "group_left", "group_right", "inf", "nan");

  private PromQlSeries() {}

  static Set<String> of(String expr) {
    String bare = GROUPING.matcher(RANGES.matcher(MATCHERS.matcher(STRINGS.matcher(expr).replaceAll("\"\"")).replaceAll(" ")).replaceAll(" "))
        .replaceAll(" ");
    Set<String> series = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      boolean call = m.group(2) != null;
      if (!call && !KEYWORDS.contains(m.group(1).toLowerCase())) {
        series.add(m.group(1));
      }
    }
    return series;
  }
}
