package dev.resolute.workbench.architecture;

import dev.resolute.testkit.architecture.PackageRules;
import org.junit.jupiter.api.Test;

/** No package cycles among the main classes of all four modules, this module's view of the project. */
class PackageCyclesTest {
  private static final PackageRules RULES = PackageRules.over("schemas", "testkit", "processor", "loadtest");

  @Test
  void shouldHaveNoCyclesInTheBytecode() {
    RULES.assertNoBytecodeCycles();
  }

  @Test
  void shouldHaveNoCyclesInTheSourcesEitherWhereConstantsLeaveNoTrace() {
    RULES.assertNoSourceCycles();
  }
}
