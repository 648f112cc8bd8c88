package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraSeriesTest {
  private final Object controller = new Object();
  private final Object frames = new Object();

  @Test
  void shouldKeepTheFirstCamerasAndRefuseTheRestUntilOneIsReleased() {
    CameraSeries series = new CameraSeries(2);

    assertThat(series.admit("real-1", controller)).isTrue();
    assertThat(series.admit("real-2", controller)).isTrue();
    for (int i = 0; i < 1000; i++) {
      assertThat(series.admit("forged-" + i, controller)).isFalse();
    }
    assertThat(series.admit("real-1", frames)).as("a second holder of an admitted camera").isTrue();
    assertThat(series.refused()).isEqualTo(1000);

    series.release("real-2", controller);
    assertThat(series.admit("late", controller)).isTrue();
    assertThat(series.admit("later", controller)).isFalse();
  }

  @Test
  void shouldFreeASlotOnlyOnceEveryHolderReleasedIt() {
    CameraSeries series = new CameraSeries(1);
    series.admit("cam", controller);
    series.admit("cam", frames);

    series.release("cam", controller);
    boolean whileFramesHold = series.admit("other", controller);
    series.release("cam", frames);

    assertThat(whileFramesHold).isFalse();
    assertThat(series.admit("other", controller)).isTrue();
  }

  @Test
  void shouldRefuseIdsThatBreakTheCameraIdRuleEvenWithRoom() {
    CameraSeries series = new CameraSeries(10);

    assertThat(series.admit("a".repeat(129), controller)).isFalse();
    assertThat(series.admit("__proto__\n", controller)).isFalse();
    assertThat(series.admit("", controller)).isFalse();
    assertThat(series.cameras()).isZero();
  }
}
