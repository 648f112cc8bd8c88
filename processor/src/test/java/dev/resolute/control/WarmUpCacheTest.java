package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import dev.resolute.testing.SettableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-ups run on the calling thread here (no worker), so each request's outcome is known at once. */
class WarmUpCacheTest {
  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(1_000_000);
  private final List<String> measured = new ArrayList<>();

  @Test
  void shouldWarmUpAtMostOneNewSizePerIntervalAndLetALaterCameraOfARefusedSizeTryAgain() {
    try (WarmUpCache<Tool> cache = cache(new WarmUpLimits(8, Duration.ofSeconds(10)))) {
      request(cache, 64, 48);
      request(cache, 96, 64);
      clock.now += 9_999;
      request(cache, 96, 64);

      assertThat(measured).containsExactly("64x48");
      assertThat(cache.get(96, 64)).as("starts unmeasured, on the cheapest level").isNull();

      clock.now += 1;
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
    try (WarmUpCache<Tool> cache = new WarmUpCache<>(new CostCache(dir, "m"), disk, null, new WarmUpLimits(0, Duration.ZERO), clock)) {
      request(cache, 320, 240);

      assertThat(measured).isEmpty();
      assertThat(cache.get(64, 48)).containsExactly(20, 10);
      assertThat(cache.get(128, 48)).containsExactly(40, 20);
    }
  }

  private WarmUpCache<Tool> cache(WarmUpLimits limits) {
    CostCache disk = new CostCache(dir, "m");
    return new WarmUpCache<>(disk, disk, null, limits, clock);
  }

  /** A measurement whose table is the size's pixel count and 1: easy to tell apart and to scale. */
  private void request(WarmUpCache<Tool> cache, int width, int height) {
    cache.request(width, height, tool -> {
      measured.add(width + "x" + height);
      return new double[] {(double) width * height, 1};
    }, new Tool());
  }

  private static final class Tool implements AutoCloseable {
    @Override
    public void close() {}
  }
}
