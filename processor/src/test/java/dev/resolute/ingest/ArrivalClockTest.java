package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrivalClockTest {
  @Test
  void timesFramesByArrivalWhateverTheirTimestampsSay() {
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    ArrivalClock clock = new ArrivalClock(nanos::get);
    nanos.addAndGet(30_000_000);
    assertThat(clock.micros(0, 0)).isEqualTo(30_000);
    nanos.addAndGet(100_000_000);
    assertThat(clock.micros(1, 1)).as("a made-up 1/25 s step counts for nothing").isEqualTo(130_000);
  }

  @Test
  void framesReadInOneBurstStillGetIncreasingTimes() {
    AtomicLong nanos = new AtomicLong();
    ArrivalClock clock = new ArrivalClock(nanos::get);
    nanos.set(1_000_000);
    assertThat(new long[] {clock.micros(0, 0), clock.micros(1, 1), clock.micros(2, 2)}).containsExactly(1_000, 1_001, 1_002);
    nanos.set(500_000); // never behind a time already given out
    assertThat(clock.micros(3, 3)).isEqualTo(1_003);
    assertThat(clock.discontinuities()).isZero();
  }

  @Test
  void onlyDemuxersThatMakeTimestampsUpRunOnArrival() {
    assertThat(ArrivalClock.clockless("mpjpeg")).isTrue();
    assertThat(ArrivalClock.clockless("h264")).isTrue();
    assertThat(ArrivalClock.clockless("rawvideo")).isTrue();
    assertThat(ArrivalClock.clockless("rtsp")).isFalse();
    assertThat(ArrivalClock.clockless("hls")).isFalse();
    assertThat(ArrivalClock.clockless("mpegts")).isFalse();
    assertThat(ArrivalClock.clockless("mov,mp4,m4a,3gp,3g2,mj2")).isFalse();
  }
}
