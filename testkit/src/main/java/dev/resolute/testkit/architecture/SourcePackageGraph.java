package dev.resolute.testkit.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package uses which, read from the sources: imports and fully qualified names, so that a
 * reference through a compile-time constant ({@code case Topics.MASKS}), which leaves no trace in
 * the bytecode ArchUnit reads, still counts.
 */
public final class SourcePackageGraph {
  private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.resolute(?:\\.[a-z_][A-Za-z0-9_]*)+");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** Package to the packages it names, each with one class that names it (for the message). */
  private final Map<String, Map<String, String>> uses = new TreeMap<>();

  private SourcePackageGraph() {
  }

  /** Reads every {@code .java} file under the given source roots ({@code src/main/java} of each module). */
  public static SourcePackageGraph read(List<Path> sourceRoots) {
    SourcePackageGraph graph = new SourcePackageGraph();
    Map<Path, String> packages = new HashMap<>();
    for (Path root : sourceRoots) {
      for (Path file : javaFiles(root)) {
        if (!file.getFileName().toString().equals("package-info.java")) {
          packages.put(file, packageOf(read(file)));
        }
      }
    }
    Set<String> known = new TreeSet<>(packages.values());
    known.forEach(p -> graph.uses.put(p, new TreeMap<>()));
    packages.forEach((file, from) -> {
      Matcher m = QUALIFIED.matcher(JavaSource.code(read(file)));
      while (m.find()) {
        String to = longestKnownPrefix(m.group(), known);
        if (to != null && !to.equals(from)) {
          graph.uses.get(from).putIfAbsent(to, file.getFileName().toString());
        }
      }
    });
    return graph;
  }

  public Set<String> packages() {
    return uses.keySet();
  }

  public Set<String> usedBy(String pkg) {
    return uses.getOrDefault(pkg, Map.of()).keySet();
  }

  /** Every strongly connected group of two or more packages, each with its edges, as lines. */
  public List<String> cycles() {
    List<String> found = new ArrayList<>();
    for (Set<String> group : new StronglyConnected(uses.keySet(), this::usedBy).groups()) {
      StringBuilder line = new StringBuilder(String.valueOf(group));
      for (String from : group) {
        uses.get(from).forEach((to, where) -> {
          if (group.contains(to)) {
            line.append("\n    ").append(from).append(" -> ").append(to).append(" (").append(where).append(')');
          }
        });
      }
      found.add(line.toString());
    }
    return found;
  }

  static List<Path> javaFiles(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("no source folder " + root.toAbsolutePath());
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String packageOf(String source) {
    Matcher m = PACKAGE.matcher(JavaSource.code(source));
    return m.find() ? m.group(1) : "";
  }

  private static String longestKnownPrefix(String name, Set<String> known) {
    for (String candidate = name; candidate.contains("."); candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
      if (known.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
