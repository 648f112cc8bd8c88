package dev.resolute.testkit.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a package's {@code package-info.java} says: its Javadoc, and the packages its closing
 * {@code <p>Never depends on: {@code a}, {@code b}} line names. A name is an ArchUnit package
 * identifier: {@code dev.resolute.model} is that package alone, {@code dev.resolute.model..} it and
 * its subpackages.
 */
public record PackageInfo(String pkg, String javadoc, List<String> neverDependsOn) {
  private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile("\\{@code\\s+([^}\\s]+)\\s*}");
  static final String NEVER = "<p>Never depends on:";

  /** Empty when the package has no {@code package-info.java}. */
  static Optional<PackageInfo> of(String pkg, Path folder) {
    Path file = folder.resolve("package-info.java");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Matcher doc = JAVADOC.matcher(SourcePackageGraph.read(file));
    String javadoc = doc.find() ? doc.group(1).replaceAll("(?m)^\\s*\\*", " ").strip() : "";
    List<String> never = new ArrayList<>();
    int at = javadoc.indexOf(NEVER);
    if (at >= 0) {
      Matcher code = CODE.matcher(javadoc.substring(at));
      while (code.find()) {
        never.add(code.group(1));
      }
    }
    return Optional.of(new PackageInfo(pkg, javadoc, List.copyOf(never)));
  }

  /** The Javadoc before the "Never depends on" line: what the package is for. */
  public String purpose() {
    int at = javadoc.indexOf(NEVER);
    return (at < 0 ? javadoc : javadoc.substring(0, at)).strip();
  }
}
