package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.resolute.testkit.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-ups run on the calling thread here (no worker), so each request's outcome is known at once. */
class WarmUpCacheTest {
  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(1_000_000);
  private final List<String> measured = new ArrayList<>();
  /** Process CPU and wall time a fake measurement takes, in ns; two cores offered. */
  private long cpuNanos;
  private long wallNanos;
  private long cpuPerWarmUp = 2_000_000_000L;
  private final CpuMeter cpu = new CpuMeter(() -> cpuNanos, () -> wallNanos, 2);

  @Test
  void shouldWarmUpAtMostOneNewSizePerIntervalAndLetALaterCameraOfARefusedSizeTryAgain() {
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ofSeconds(10)))) {
      request(cache, 64, 48);
      request(cache, 96, 64);
      clock.advance(9_999);
      request(cache, 96, 64);

      assertThat(measured).containsExactly("64x48");
      assertThat(cache.get(96, 64)).as("starts unmeasured, on the cheapest level").isNull();

      clock.advance(1);
      request(cache, 96, 64);

      assertThat(measured).containsExactly("64x48", "96x64");
    }
  }

  @Test
  void shouldStopWarmingUpAndWritingAfterTheMostSizesAndGiveLaterSizesTheNearestTableScaledByPixels() {
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(2, Duration.ZERO))) {
      for (int i = 0; i < 1000; i++) {
        request(cache, 64 + 2 * i, 48);
      }

      assertThat(measured).containsExactly("64x48", "66x48");
      assertThat(new CostCache(dir, "m").loaded()).as("kept on disk").containsOnlyKeys("64x48", "66x48");
      double[] borrowed = cache.get(128, 96);
      assertThat(borrowed).as("66x48's table (nearer in pixels than 64x48's), scaled to 128x96").hasSize(2);
      assertThat(borrowed[0]).isCloseTo(128.0 * 96, within(1e-6));
      assertThat(borrowed[1]).isCloseTo(128.0 * 96 / (66 * 48), within(1e-9));
    }
  }

  @Test
  void shouldNeverWarmUpWithZeroSizesAllowedButStillServeKnownTables() {
    CostCache disk = new CostCache(dir, "m");
    disk.store("64x48", new double[] {20, 10});
    try (WarmUpCache<Tool> cache = new WarmUpCache<>(new CostCache(dir, "m"), disk, null, new WarmUpLimits(0, Duration.ZERO), clock, cpu)) {
      request(cache, 320, 240);

      assertThat(measured).isEmpty();
      assertThat(cache.get(64, 48)).containsExactly(20, 10);
      assertThat(cache.get(128, 48)).containsExactly(40, 20);
    }
  }

  @Test
  void shouldMarkAWarmUpThatGotUnderHalfTheCpuAsContendedUseItAndReplaceItWithTheNextCleanOne() {
    cpuPerWarmUp = 900_000_000L; // 0.9 s of CPU in 1 s on two cores: 45%
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      request(cache, 64, 48);

      assertThat(cache.get(64, 48)).as("used to start").containsExactly(64.0 * 48, 1);
      assertThat(cache.contended(64, 48)).isTrue();
      request(cache, 64, 48);
      assertThat(measured).as("measured again once a process, not on every chunk").containsExactly("64x48");
    }
    assertThat(new CostCache(dir, "m").contended(64, 48)).as("kept marked").isTrue();

    cpuPerWarmUp = 1_100_000_000L; // 55%: clean
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      assertThat(cache.get(64, 48)).as("the next start begins from it").isNotNull();
      request(cache, 64, 48);

      assertThat(measured).as("and measures it again").containsExactly("64x48", "64x48");
      assertThat(cache.contended(64, 48)).isFalse();
    }
    assertThat(new CostCache(dir, "m").contended(64, 48)).isFalse();

    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      request(cache, 64, 48);
      assertThat(measured).as("a clean table is not measured again").hasSize(2);
    }
  }

  @Test
  void shouldTakeAWarmUpAsCleanWhereThePlatformGivesNoProcessCpuTime() {
    CostCache disk = new CostCache(dir, "m");
    CpuMeter unknown = new CpuMeter(() -> -1, () -> wallNanos, 2);
    try (WarmUpCache<Tool> cache = new WarmUpCache<>(disk, disk, null, new WarmUpLimits(8, Duration.ZERO), clock, unknown)) {
      request(cache, 64, 48);

      assertThat(cache.contended(64, 48)).isFalse();
    }
  }

  @Test
  void shouldWriteACamerasWellTimedLevelsBackAtMostOnceAMinuteAndScaleTheTableForTheRest() {
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      cache.request(720, 404, tool -> new double[] {29.5, 21.8, 16.6, 3.6}, new Tool());
      LevelStats stats = new LevelStats(cache.get(720, 404), 0.5);
      for (int i = 0; i < WarmUpCache.REFRESH_SAMPLES; i++) {
        stats.observeService(2, 8.0);
      }
      for (int i = 0; i < WarmUpCache.REFRESH_SAMPLES - 1; i++) {
        stats.observeService(3, 1.8);
      }

      cache.refresh(720, 404, stats);

      assertThat(stats.serviceMs(3)).as("timed, but in too few batches to be written").isEqualTo(1.8);
      // level 2 timed enough, at 8.0 / 16.6 of the table's figure; the others (level 3 one batch short) follow it
      double scale = 8.0 / 16.6;
      double[] expected = {29.5 * scale, 21.8 * scale, 8.0, 3.6 * scale};
      assertThat(cache.get(720, 404)).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(new CostCache(dir, "m").costsFor(720, 404)).as("for the next start")
          .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-3));

      stats.observeService(3, 1.8);
      clock.advance(WarmUpCache.REFRESH_INTERVAL.toMillis() - 1);
      cache.refresh(720, 404, stats);
      assertThat(cache.get(720, 404)[3]).as("within the minute").isCloseTo(3.6 * scale, org.assertj.core.data.Offset.offset(1e-9));

      clock.advance(1);
      cache.refresh(720, 404, stats);
      assertThat(cache.get(720, 404)[3]).isEqualTo(1.8);
      assertThat(new CostCache(dir, "m").costsFor(720, 404)[3]).isEqualTo(1.8);
    }
  }

  @Test
  void shouldNeverWriteALowerLevelDearerThanTheOneAboveWhenOnlyTheLowestWasTimed() {
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      cache.request(768, 576, tool -> new double[] {24.0, 9.4, 7.1, 3.5}, new Tool());
      LevelStats stats = new LevelStats(cache.get(768, 576), 0.5);
      for (int i = 0; i < WarmUpCache.REFRESH_SAMPLES; i++) {
        stats.observeService(3, 28.0); // one frame a batch at stride 8, on a thread shared by 32 cameras
      }

      cache.refresh(768, 576, stats);

      assertThat(cache.get(768, 576)).isSortedAccordingTo((a, b) -> Double.compare(b, a)).contains(28.0);
    }
  }

  @Test
  void shouldLetACamerasTimingsCleanAContendedTableAndNeverWriteASizeWithoutATable() {
    cpuPerWarmUp = 100_000_000L;
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ZERO))) {
      request(cache, 64, 48);
      LevelStats stats = new LevelStats(new double[] {5, 1}, 0.5);
      for (int i = 0; i < WarmUpCache.REFRESH_SAMPLES; i++) {
        stats.observeService(0, 900.0);
      }

      cache.refresh(64, 48, stats);
      cache.refresh(96, 64, stats);

      assertThat(cache.contended(64, 48)).isFalse();
      // the warm-up's table is {64 x 48, 1}: level 1 at the scale level 0 showed
      assertThat(cache.get(64, 48)).containsExactly(new double[] {900, 900.0 / (64 * 48)}, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(new CostCache(dir, "m").contended(64, 48)).isFalse();
      assertThat(new CostCache(dir, "m").loaded()).as("no file for a size no warm-up measured").containsOnlyKeys("64x48");
    }
  }

  private WarmUpCache<Tool> cache(WarmUpLimits limits) {
    CostCache disk = new CostCache(dir, "m");
    return new WarmUpCache<>(disk, disk, null, limits, clock, cpu);
  }

  /** A measurement whose table is the size's pixel count and 1: easy to tell apart and to scale. */
  private void request(WarmUpCache<Tool> cache, int width, int height) {
    cache.request(width, height, tool -> {
      measured.add(width + "x" + height);
      wallNanos += 1_000_000_000L;
      cpuNanos += cpuPerWarmUp;
      return new double[] {(double) width * height, 1};
    }, new Tool());
  }

  private static final class Tool implements AutoCloseable {
    @Override
    public void close() {}
  }
}
