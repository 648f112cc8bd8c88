package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.time.SettableClock;
import org.junit.jupiter.api.Test;

class FirstPassWindowTest {
  private final SettableClock clock = new SettableClock(1_000_000);
  private final FirstPassWindow window = new FirstPassWindow(clock);

  @Test
  void shouldCloseWithTheFirstCompletePass() {
    assertThat(window.open()).isTrue();

    window.passCompleted();

    assertThat(window.open()).isFalse();
  }

  @Test
  void shouldCloseAtTheLimitWhenNoPassGoesThroughBecauseTheBrokerIsAway() {
    clock.advance(FirstPassWindow.LIMIT.toMillis() - 1);
    assertThat(window.open()).as("failed passes so far, still within the limit").isTrue();

    clock.advance(1);

    assertThat(window.open()).isFalse();
  }
}
