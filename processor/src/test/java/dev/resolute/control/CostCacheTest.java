package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCacheTest {
  @TempDir Path dir;

  @Test
  void shouldLoadAtStartWhatAnEarlierRunKeptForTheSameModelAndDeviceOnly() {
    new CostCache(dir, "abc123-cpu").store("720x528", new double[] {120.5, 70, 33, 12});

    assertThat(new CostCache(dir, "abc123-cpu").loaded()).containsOnlyKeys("720x528")
        .hasEntrySatisfying("720x528", ms -> assertThat(ms).containsExactly(120.5, 70, 33, 12));
    assertThat(new CostCache(dir, "abc123-cuda:0").loaded()).as("another device").isEmpty();
    assertThat(new CostCache(dir, "fff000-cpu").loaded()).as("another model file").isEmpty();
  }

  @Test
  void shouldIgnoreAnUnreadableEntryRatherThanFail() throws Exception {
    Files.writeString(dir.resolve("abc123-cpu-64x48.costs"), "12 not-a-number\n");
    Files.writeString(dir.resolve("abc123-cpu-32x24.costs"), "12 0\n");

    assertThat(new CostCache(dir, "abc123-cpu").loaded()).isEmpty();
  }

  @Test
  void shouldKeepAContendedTableMarkedUntilACleanOneReplacesIt() throws Exception {
    new CostCache(dir, "abc123-cpu").store("720x404", new double[] {29.5, 21.8, 16.6, 3.6}, true);

    CostCache later = new CostCache(dir, "abc123-cpu");
    assertThat(later.costsFor(720, 404)).as("used to start").containsExactly(29.5, 21.8, 16.6, 3.6);
    assertThat(later.contended(720, 404)).isTrue();

    later.store("720x404", new double[] {14, 9, 5, 1.5}, false);

    CostCache clean = new CostCache(dir, "abc123-cpu");
    assertThat(clean.costsFor(720, 404)).containsExactly(14, 9, 5, 1.5);
    assertThat(clean.contended(720, 404)).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("one table a size").containsExactly("abc123-cpu-720x404.costs");
    }
  }

  @Test
  void shouldReadAFileOfTheEarlierFormatAsACleanTableAndPreferItToAContendedOneBesideIt() throws Exception {
    Files.writeString(dir.resolve("abc123-cpu-64x48.costs"), "12.0 6.0\n");
    Files.writeString(dir.resolve("abc123-cpu-64x48.contended.costs"), "30.0 20.0\n");
    Files.writeString(dir.resolve("abc123-cpu-32x24.contended.costs"), "8.0 4.0\n");

    CostCache cache = new CostCache(dir, "abc123-cpu");

    assertThat(cache.costsFor(64, 48)).containsExactly(12, 6);
    assertThat(cache.contended(64, 48)).isFalse();
    assertThat(cache.costsFor(32, 24)).containsExactly(8, 4);
    assertThat(cache.contended(32, 24)).isTrue();
  }
}
