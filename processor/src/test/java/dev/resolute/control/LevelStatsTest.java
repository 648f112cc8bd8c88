package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelStatsTest {

  @Test
  void shouldRescaleTheStartingFiguresOfUntimedLevelsByWhatTheFirstTimingOfAnotherLevelShows() {
    // a table measured on a quieter machine: every level really costs twice what it says
    LevelStats stats = new LevelStats(new double[] {100, 50, 25}, 0.2);

    stats.observeService(2, 50);
    assertThat(stats.serviceMsSnapshot()).containsExactly(200, 100, 50);

    stats.observeService(1, 90); // its own first timing replaces the rescaled figure, and rescales the rest again
    assertThat(stats.serviceMsSnapshot()).containsExactly(180, 90, 50);

    stats.observeService(2, 60); // a level already timed is averaged, and moves nothing else
    assertThat(stats.serviceMsSnapshot()).containsExactly(180, 90, 52);
  }
}
