package dev.resolute.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The package rules every module's tests check over what they can see: no package cycles (in the
 * bytecode and in the sources), and a {@code package-info.java} for every package that says what the
 * package is for and which packages it never depends on, which is then checked.
 */
public final class PackageRules {
  private final List<Path> sources;
  private JavaClasses classes;

  private PackageRules(List<Path> sources) {
    this.sources = sources;
  }

  /** The rules over the named modules' sources and every Resolute main class on the class path. */
  public static PackageRules over(String... modules) {
    return new PackageRules(mainSources(modules));
  }

  public void assertNoBytecodeCycles() {
    assertNoBytecodeCycles(classes());
  }

  public void assertNoSourceCycles() {
    assertNoSourceCycles(sources);
  }

  public void assertPackageInfos() {
    assertPackageInfos(classes(), sources);
  }

  /** Imported once per test class: the import is most of a rule's time. */
  private synchronized JavaClasses classes() {
    if (classes == null) {
      classes = MainClasses.load();
    }
    return classes;
  }

  /**
   * The {@code src/main/java} folders of the named modules, from a test running in a sibling module
   * (Maven runs each module's tests in that module's folder).
   */
  public static List<Path> mainSources(String... modules) {
    List<Path> roots = new ArrayList<>();
    for (String module : modules) {
      roots.add(Path.of("..", module, "src", "main", "java"));
    }
    return roots;
  }

  /**
   * Every package a slice of its own, subpackages included; fails on any cycle among them. ArchUnit
   * 1.5.1 reported 4 cycles on a tree that had a fifth ({app, metrics, topology}, which it found
   * when given only those packages), so the strongly connected groups of its own class dependencies
   * are checked as well.
   */
  private static void assertNoBytecodeCycles(JavaClasses classes) {
    List<String> problems = new ArrayList<>(
        slices().matching("dev.resolute.(**)").should().beFreeOfCycles().evaluate(classes).getFailureReport().getDetails());
    Map<String, Set<String>> uses = new TreeMap<>();
    for (JavaClass from : classes) {
      Set<String> targets = uses.computeIfAbsent(from.getPackageName(), p -> new TreeSet<>());
      for (Dependency dependency : from.getDirectDependenciesFromSelf()) {
        String to = dependency.getTargetClass().getPackageName();
        if (to.startsWith("dev.resolute") && !to.equals(from.getPackageName())) {
          targets.add(to);
        }
      }
    }
    new StronglyConnected(uses.keySet(), p -> uses.getOrDefault(p, Set.of())).groups()
        .forEach(group -> problems.add("packages in a cycle (bytecode): " + group));
    if (!problems.isEmpty()) {
      throw new AssertionError(problems.size() + " package cycles:\n" + String.join("\n", problems));
    }
  }

  /** Fails on any strongly connected group of packages in the sources, naming a class for each edge. */
  private static void assertNoSourceCycles(List<Path> sourceRoots) {
    List<String> cycles = SourcePackageGraph.read(sourceRoots).cycles();
    if (!cycles.isEmpty()) {
      throw new AssertionError("package cycles in the sources:\n  " + String.join("\n  ", cycles));
    }
  }

  /**
   * Fails when a package has no {@code package-info.java}, when its Javadoc says nothing or lacks the
   * closing "Never depends on" line, when that line names no known package, or when a class of the
   * package depends on one it names.
   */
  private static void assertPackageInfos(JavaClasses classes, List<Path> sourceRoots) {
    Map<String, Path> folders = packageFolders(sourceRoots);
    List<String> known = new ArrayList<>(folders.keySet());
    known.addAll(SourcePackageGraph.read(PackageRules.mainSources("schemas", "testkit", "processor", "loadtest"))
        .packages());
    List<String> problems = new ArrayList<>();
    folders.forEach((pkg, folder) -> {
      Optional<PackageInfo> info = PackageInfo.of(pkg, folder);
      if (info.isEmpty()) {
        problems.add(pkg + ": no package-info.java");
      } else if (info.get().purpose().isEmpty()) {
        problems.add(pkg + ": the package-info says nothing about what the package is for");
      } else if (info.get().neverDependsOn().isEmpty()) {
        problems.add(pkg + ": the package-info does not end with a \"" + PackageInfo.NEVER + " {@code ...}\" line");
      } else {
        problems.addAll(check(info.get(), classes, known));
      }
    });
    if (!problems.isEmpty()) {
      throw new AssertionError(problems.size() + " package-info problems:\n  " + String.join("\n  ", problems));
    }
  }

  private static List<String> check(PackageInfo info, JavaClasses classes, List<String> known) {
    List<String> problems = new ArrayList<>();
    for (String name : info.neverDependsOn()) {
      PackageMatcher matcher = PackageMatcher.of(name);
      if (known.stream().noneMatch(matcher::matches)) {
        problems.add(info.pkg() + ": \"never depends on " + name + "\" names no package");
      }
    }
    EvaluationResult result = noClasses().that().resideInAPackage(info.pkg())
        .should().dependOnClassesThat().resideInAnyPackage(info.neverDependsOn().toArray(String[]::new))
        .evaluate(classes);
    result.getFailureReport().getDetails().forEach(detail -> problems.add(info.pkg() + ": " + detail));
    return problems;
  }

  /** Each package that has classes in the given source roots, with its folder. */
  private static Map<String, Path> packageFolders(List<Path> sourceRoots) {
    Map<String, Path> folders = new TreeMap<>();
    for (Path root : sourceRoots) {
      for (Path file : SourcePackageGraph.javaFiles(root)) {
        if (!file.getFileName().toString().equals("package-info.java")) {
          folders.put(SourcePackageGraph.packageOf(SourcePackageGraph.read(file)), file.getParent());
        }
      }
    }
    return folders;
  }
}
