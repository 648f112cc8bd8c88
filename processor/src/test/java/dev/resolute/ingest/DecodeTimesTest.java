package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodeTimesTest {

  @Test
  void shouldRebuildIncreasingDecodeTimesNoLaterThanPresentationForBFrames() {
    // I P B B P B B in decode order, 40 ms frames: what RTP delivers, presentation times only
    long[] pts = {0, 120, 40, 80, 240, 160, 200};

    ChunkMuxer.DecodeTimes times = ChunkMuxer.DecodeTimes.of(pts);

    for (int i = 0; i < pts.length; i++) {
      assertThat(times.dts(i)).as("dts %d", i).isLessThanOrEqualTo(times.pts(i));
      if (i > 0) {
        assertThat(times.dts(i)).as("dts %d", i).isGreaterThan(times.dts(i - 1));
      }
    }
    assertThat(times.dts(0)).isZero();
    // presentation spacing is kept exactly: only the origin moves
    for (int i = 0; i < pts.length; i++) {
      assertThat(times.pts(i) - times.pts(0)).isEqualTo(pts[i] - pts[0]);
    }
  }

  @Test
  void shouldLeaveAStreamWithoutReorderingWithDecodeEqualToPresentation() {
    long[] pts = {1000, 1040, 1100, 1300};

    ChunkMuxer.DecodeTimes times = ChunkMuxer.DecodeTimes.of(pts);

    for (int i = 0; i < pts.length; i++) {
      assertThat(times.dts(i)).isEqualTo(times.pts(i)).isEqualTo(pts[i] - 1000);
    }
  }
}
