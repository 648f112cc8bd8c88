package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.time.MonotonicStamps;
import dev.resolute.testkit.time.SettableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureClockTest {
  private final SettableClock wall = new SettableClock(0);

  @Test
  void shouldFollowTheStreamClockFromTheFirstPacketEvenWhenTheFirstKeyframeComesLater() {
    CaptureClock live = CaptureClock.live(wall, 10_000);

    // connected at 10 s; the first packet (pts 5 s) arrives then, the first keyframe 1.5 s later
    wall.now = 13_500;
    MonotonicStamps.Stamp first = live.stamp(chunk(6_500_000, 7_460_000, 5_000_000, 0));
    wall.now = 14_500;
    MonotonicStamps.Stamp second = live.stamp(chunk(7_500_000, 8_460_000, 5_000_000, 0));

    assertThat(first).isEqualTo(new MonotonicStamps.Stamp(11_500, 1));
    assertThat(second).isEqualTo(new MonotonicStamps.Stamp(12_500, 1));
  }

  @Test
  void shouldKeepFramesInOrderAndSpacedWhenABacklogArrivesInABurst() {
    CaptureClock live = CaptureClock.live(wall, 10_000);

    // an HLS server hands out 6 s of old segments at once, in three 2 s chunks, then goes live
    List<MonotonicStamps.Stamp> stamps = new ArrayList<>();
    wall.now = 10_300;
    for (int i = 0; i < 3; i++) {
      stamps.add(live.stamp(chunk(i * 2_000_000L, i * 2_000_000L + 1_960_000, 0, 0)));
    }
    wall.now = 12_300;
    stamps.add(live.stamp(chunk(6_000_000, 7_960_000, 0, 0)));

    long previousLast = Long.MIN_VALUE;
    for (MonotonicStamps.Stamp stamp : stamps) {
      assertThat(stamp.firstMs()).as("after the previous chunk's last frame").isGreaterThanOrEqualTo(previousLast);
      previousLast = stamp.lastMs(1960);
    }
    assertThat(stamps.get(2).lastMs(1960)).as("never after the moment it arrived").isLessThanOrEqualTo(10_300);
    // once the backlog showed, the stream clock is followed again: the live chunk keeps its real spacing
    assertThat(stamps.get(3).scale()).isEqualTo(1);
    assertThat(stamps.get(3).lastMs(1960)).isEqualTo(12_300);
  }

  @Test
  void shouldStartAfreshWhenTheSourceClockJumps() {
    CaptureClock live = CaptureClock.live(wall, 10_000);
    wall.now = 12_000;
    live.stamp(chunk(0, 960_000, 0, 0));

    // a 30 s stall, after which the timeline went on from where it was (SourceTimeline counted a jump)
    wall.now = 43_000;
    MonotonicStamps.Stamp after = live.stamp(chunk(1_000_000, 1_960_000, 0, 1));

    assertThat(after.lastMs(960)).as("stamped by arrival, not 30 s in the past").isEqualTo(43_000);
  }

  @Test
  void shouldNeverStampAChunkBeforeThePreviousOneWhenTheWallClockStepsBack() {
    MonotonicStamps stamps = new MonotonicStamps();
    MonotonicStamps.Stamp first = stamps.place(9_040, 960, 1, 10_000);

    // NTP steps the wall clock back 5 s between two chunks
    MonotonicStamps.Stamp second = stamps.place(5_040, 960, 1, 5_000);
    MonotonicStamps.Stamp third = stamps.place(6_040, 960, 1, 6_000);

    assertThat(second.firstMs()).as("not before the previous chunk's last frame").isGreaterThanOrEqualTo(first.lastMs(960));
    assertThat(third.firstMs()).isGreaterThanOrEqualTo(second.lastMs(960));
    assertThat(second.lastMs(960)).as("held at the previous last frame, not pushed further ahead").isEqualTo(first.lastMs(960));
  }

  @Test
  void shouldStampFileChunksAsReadAndStillInOrder() {
    CaptureClock file = CaptureClock.fileRead(wall);

    wall.now = 50_000;
    MonotonicStamps.Stamp first = file.stamp(chunk(3_000_000, 3_900_000, 0, 0));
    wall.now = 50_010; // read as fast as the disk goes: the next second of video 10 ms later
    MonotonicStamps.Stamp second = file.stamp(chunk(4_000_000, 4_900_000, 0, 0));

    assertThat(first).isEqualTo(new MonotonicStamps.Stamp(49_100, 1));
    assertThat(second.firstMs()).isGreaterThanOrEqualTo(first.lastMs(900));
    assertThat(second.lastMs(900)).isLessThanOrEqualTo(50_010);
  }

  private static Payload chunk(long firstPts, long lastPts, long streamStart, int discontinuities) {
    return new Payload(new byte[0], "h264", new long[] {firstPts, lastPts}, 0, 0, streamStart, discontinuities);
  }
}
