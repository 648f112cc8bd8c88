package dev.resolute.testkit.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, so that nothing it asserts depends on how fast the machine is. */
public final class SettableClock extends Clock {
  public long now;

  public SettableClock(long now) {
    this.now = now;
  }

  /**
   * Moves the clock on; as a pacer's sleeper ({@code clock::advance}) it makes a clock that moves
   * only when the code under test waits.
   */
  public void advance(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("a clock does not go back: " + ms + " ms");
    }
    now += ms;
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now);
  }
}
