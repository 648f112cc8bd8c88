package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelStatsTest {

  @Test
  void shouldRescaleTheStartingFiguresOfUntimedLevelsByWhatTheTimingsOfOtherLevelsShow() {
    // a table measured on a quieter machine: every level really costs twice what it says
    LevelStats stats = new LevelStats(new double[] {100, 50, 25}, 0.2);

    stats.observeService(2, 50);
    assertThat(stats.serviceMsSnapshot()).containsExactly(200, 100, 50);

    // its own first timing replaces the rescaled figure; the ratio (1.8 here) is averaged into the scale
    stats.observeService(1, 90);
    assertThat(stats.serviceMsSnapshot()).usingComparatorWithPrecision(1e-9).containsExactly(196, 90, 50);

    // a timed level is averaged; the machine got slower (2.4x the table), the untimed level follows
    stats.observeService(2, 60);
    assertThat(stats.serviceMsSnapshot()).usingComparatorWithPrecision(1e-9).containsExactly(204.8, 90, 52);
  }
}
