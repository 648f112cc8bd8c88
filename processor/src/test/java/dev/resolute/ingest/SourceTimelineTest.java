package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.junit.jupiter.api.Test;

class SourceTimelineTest {
  private final SourceTimeline ninetyKhz = new SourceTimeline(av_make_q(1, 90_000), 25);

  @Test
  void shouldKeepGapsVariableSpacingAndStartOffsetsAsTheSourceHasThem() {
    assertThat(ninetyKhz.micros(126_000, AV_NOPTS_VALUE)).isEqualTo(1_400_000);
    assertThat(ninetyKhz.micros(129_600, AV_NOPTS_VALUE)).isEqualTo(1_440_000);
    assertThat(ninetyKhz.micros(132_300, AV_NOPTS_VALUE)).isEqualTo(1_470_000);
    assertThat(ninetyKhz.micros(312_300, AV_NOPTS_VALUE)).as("a 2 s gap").isEqualTo(3_470_000);
    assertThat(ninetyKhz.discontinuities()).isZero();
  }

  @Test
  void shouldKeepBFrameReorderingButContinueAfterAClockThatJumpsBack() {
    assertThat(ninetyKhz.micros(900_000, 0)).isEqualTo(10_000_000);
    assertThat(ninetyKhz.micros(896_400, 0)).as("a B-frame, shown before the last one").isEqualTo(9_960_000);
    // a camera restarting its clock: frames go on one nominal frame after the latest time seen
    assertThat(ninetyKhz.micros(0, 0)).isEqualTo(10_040_000);
    assertThat(ninetyKhz.micros(3_600, 0)).isEqualTo(10_080_000);
    assertThat(ninetyKhz.discontinuities()).isEqualTo(1);
  }

  @Test
  void shouldFallBackToDecodeTimeThenToOneFrameAfterTheLast() {
    assertThat(ninetyKhz.micros(AV_NOPTS_VALUE, 9_000)).isEqualTo(100_000);
    assertThat(ninetyKhz.micros(AV_NOPTS_VALUE, AV_NOPTS_VALUE)).isEqualTo(140_000);
  }

  @Test
  void shouldGiveAnUntimedFrameInTheMiddleTheNextSlotWithoutShiftingTheFramesAfterIt() {
    SourceTimeline frames = new SourceTimeline(av_make_q(1, 1000), 10);
    assertThat(frames.micros(5_000, AV_NOPTS_VALUE)).isEqualTo(5_000_000);
    assertThat(frames.micros(AV_NOPTS_VALUE, AV_NOPTS_VALUE)).isEqualTo(5_100_000);
    assertThat(frames.micros(5_200, AV_NOPTS_VALUE)).isEqualTo(5_200_000);
    assertThat(frames.discontinuities()).isZero();
  }
}
