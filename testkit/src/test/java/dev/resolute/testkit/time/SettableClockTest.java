package dev.resolute.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettableClockTest {

  @Test
  void shouldMoveOnlyWhenAdvancedAndAgreeWithItsInstant() {
    SettableClock clock = new SettableClock(1_000);

    clock.advance(250);
    clock.advance(0);

    assertThat(clock.millis()).isEqualTo(1_250);
    assertThat(clock.instant().toEpochMilli()).isEqualTo(1_250);
  }

  @Test
  void shouldRefuseToGoBack() {
    SettableClock clock = new SettableClock(1_000);

    assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.millis()).isEqualTo(1_000);
  }
}
