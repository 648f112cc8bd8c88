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
}
