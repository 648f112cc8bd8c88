package dev.resolute.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes of every Resolute module on the test's class path, for ArchUnit. */
public final class MainClasses {
  /**
   * In a reactor build a sibling module arrives as its {@code target/classes} folder, or as
   * {@code resolute-*.jar} once packaged; every other jar is a library and would only slow the import.
   */
  private static final ImportOption RESOLUTE_ONLY = location -> !location.isJar() || location.contains("resolute-");

  private MainClasses() {
  }

  public static JavaClasses load() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(RESOLUTE_ONLY)
        .importPackages("dev.resolute");
  }
}
