package dev.resolute.testkit.architecture;

/** Java source without its comments and literals, so that only code is left to look for names in. */
final class JavaSource {
  private JavaSource() {
  }

  /** Comments, string, text-block and char literals become one space each; the rest is kept. */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        i = indexOrEnd(source, "\n", i);
      } else if (source.startsWith("/*", i)) {
        i = indexOrEnd(source, "*/", i + 2) + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        i = skipQuoted(source, i + 3, "\"\"\"");
      } else if (c == '"' || c == '\'') {
        i = skipQuoted(source, i + 1, String.valueOf(c));
      } else {
        out.append(c);
        i++;
        continue;
      }
      out.append(' ');
    }
    return out.toString();
  }

  private static int indexOrEnd(String s, String what, int from) {
    int at = s.indexOf(what, from);
    return at < 0 ? s.length() : at;
  }

  /** The index after the closing {@code quote}, stepping over backslash escapes. */
  private static int skipQuoted(String s, int from, String quote) {
    int i = from;
    while (i < s.length()) {
      if (s.charAt(i) == '\\') {
        i += 2;
      } else if (s.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return s.length();
  }
}
