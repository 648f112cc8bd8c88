package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraSeriesTest {

  @Test
  void shouldKeepTheFirstCamerasAndRefuseTheRestUntilOneIsReleased() {
    CameraSeries series = new CameraSeries(2);

    assertThat(series.admit("real-1")).isTrue();
    assertThat(series.admit("real-2")).isTrue();
    for (int i = 0; i < 1000; i++) {
      assertThat(series.admit("forged-" + i)).isFalse();
    }
    assertThat(series.admit("real-1")).as("an admitted camera asking again").isTrue();
    assertThat(series.refused()).isEqualTo(1000);

    series.release("real-2");
    assertThat(series.admit("late")).isTrue();
    assertThat(series.admit("later")).isFalse();
  }

  @Test
  void shouldNotFreeASlotForACameraThatNeverHadOne() {
    CameraSeries series = new CameraSeries(1);
    series.admit("cam");

    series.release("forged");

    assertThat(series.admit("other")).isFalse();
    assertThat(series.cameras()).isEqualTo(1);
  }

  @Test
  void shouldRefuseIdsThatBreakTheCameraIdRuleEvenWithRoom() {
    CameraSeries series = new CameraSeries(10);

    assertThat(series.admit("a".repeat(129))).isFalse();
    assertThat(series.admit("__proto__\n")).isFalse();
    assertThat(series.admit("")).isFalse();
    assertThat(series.cameras()).isZero();
  }
}
