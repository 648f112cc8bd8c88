package dev.resolute.architecture;

import dev.resolute.testkit.architecture.PackageRules;
import org.junit.jupiter.api.Test;

/** Every package of schemas, testkit and processor says what it is for and what it never depends on, and keeps to it. */
class PackageInfoTest {
  @Test
  void shouldDescribeEveryPackageAndKeepItsNeverDependsOnLine() {
    PackageRules.over("schemas", "testkit", "processor").assertPackageInfos();
  }
}
