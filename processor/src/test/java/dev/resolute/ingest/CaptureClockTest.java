package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CaptureClockTest {
  private final SettableClock wall = new SettableClock();

  @Test
  void shouldFollowTheStreamClockFromTheMomentOfConnectingInRealTime() {
    CaptureClock live = CaptureClock.live(wall, 10_000);

    wall.now = 12_000;
    CaptureClock.Stamp first = live.stamp(0, 1_960_000);
    wall.now = 14_000;
    CaptureClock.Stamp second = live.stamp(2_000_000, 3_960_000);

    assertThat(first).isEqualTo(new CaptureClock.Stamp(10_000, 1));
    assertThat(second).isEqualTo(new CaptureClock.Stamp(12_000, 1));
  }

  @Test
  void shouldNeverGoBackInTimeNorIntoTheFutureWhenAServerHandsOutABacklogInABurst() {
    CaptureClock live = CaptureClock.live(wall, 10_000);

    wall.now = 10_100; // 2 s of old segments arrive 100 ms after connecting
    CaptureClock.Stamp first = live.stamp(0, 1_960_000);
    wall.now = 10_200; // and 2 s more, 100 ms later
    CaptureClock.Stamp second = live.stamp(2_000_000, 3_960_000);

    long firstLastFrame = first.firstMs() + Math.round(1960 * first.scale());
    long secondLastFrame = second.firstMs() + Math.round(1960 * second.scale());
    assertThat(firstLastFrame).isLessThanOrEqualTo(10_100);
    assertThat(second.firstMs()).as("after the previous chunk's last frame").isGreaterThanOrEqualTo(firstLastFrame);
    assertThat(secondLastFrame).as("not after now").isLessThanOrEqualTo(10_200);
    assertThat(second.scale()).isLessThan(1);
  }

  @Test
  void shouldStampAFileChunkAsIfItsLastFrameWereCapturedNow() {
    wall.now = 50_000;

    assertThat(CaptureClock.fileRead(wall).stamp(3_000_000, 3_900_000)).isEqualTo(new CaptureClock.Stamp(49_100, 1));
  }

  private static final class SettableClock extends Clock {
    long now;

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
}
