package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.ingest.TimelineContinuity.Verdict;
import org.junit.jupiter.api.Test;

class ResumePointTest {
  private static final long WRAP = 1L << 33;
  private static final ResumePoint NEAR_WRAP = new ResumePoint(1, 90_000, 33, WRAP - 90_000); // 1 s before the wrap

  @Test
  void shouldCompareAcrossTheWrapOfThe33BitClock() {
    assertThat(NEAR_WRAP.ticksFrom(45_000)).as("1.5 s later, after the wrap").isEqualTo(135_000);
    assertThat(NEAR_WRAP.isAfter(45_000)).isTrue();
    assertThat(NEAR_WRAP.ticksFrom(WRAP - 180_000)).as("1 s earlier, before the wrap").isEqualTo(-90_000);
    assertThat(NEAR_WRAP.isAfter(WRAP - 90_000)).as("the last published frame itself").isFalse();
    // FFmpeg unwraps within a session: the same instant may come as 2^33 + 45000
    assertThat(NEAR_WRAP.ticksFrom(WRAP + 45_000)).isEqualTo(135_000);
  }

  @Test
  void shouldResumeAStreamThatStartsBehindAcrossTheWrap() {
    ResumePoint justAfterWrap = new ResumePoint(1, 90_000, 33, 90_000); // 1 s after the wrap
    long sixSecondsBack = WRAP - 5 * 90_000;

    assertThat(TimelineContinuity.judge("hls", justAfterWrap, sixSecondsBack)).isEqualTo(Verdict.RESUMES);
    assertThat(TimelineContinuity.judge("mpegts", justAfterWrap, sixSecondsBack)).isEqualTo(Verdict.RESUMES);
  }

  @Test
  void shouldTakeAClockThatRestartedAsNewFrames() {
    ResumePoint hourIn = new ResumePoint(1, 90_000, 33, 3_600L * 90_000 + 126_000);

    assertThat(TimelineContinuity.judge("hls", hourIn, 126_000)).as("back to FFmpeg's 1.4 s origin").isEqualTo(Verdict.RESTARTED);
    assertThat(TimelineContinuity.judge("hls", hourIn, hourIn.lastPts() + 3 * 3_600L * 90_000)).as("hours ahead")
        .isEqualTo(Verdict.RESTARTED);
  }

  @Test
  void shouldBoundHowFarBehindEachDemuxerMayResume() {
    ResumePoint at = new ResumePoint(1, 90_000, 33, 1_000L * 90_000);

    assertThat(TimelineContinuity.judge("hls", at, at.lastPts() - 90 * 90_000)).as("HLS, 90 s back").isEqualTo(Verdict.RESUMES);
    assertThat(TimelineContinuity.judge("mpegts", at, at.lastPts() - 90 * 90_000)).as("MPEG-TS, 90 s back")
        .isEqualTo(Verdict.RESTARTED);
    assertThat(TimelineContinuity.judge("mpegts", at, at.lastPts() - 5 * 90_000)).isEqualTo(Verdict.RESUMES);
    assertThat(TimelineContinuity.judge("mpegts", at, at.lastPts() + 20 * 90_000)).as("the stream went on while away")
        .isEqualTo(Verdict.CONTINUES_AFTER_GAP);
  }

  @Test
  void shouldNeverResumeSourcesWhoseClockRestartsPerSession() {
    ResumePoint at = new ResumePoint(1, 90_000, 32, 1_000L * 90_000);

    assertThat(TimelineContinuity.continuesAcrossSessions("rtsp")).isFalse();
    assertThat(TimelineContinuity.judge("rtsp", at, at.lastPts() - 90_000)).isEqualTo(Verdict.RESTARTED);
    assertThat(TimelineContinuity.judge("mpjpeg", at, at.lastPts() - 90_000)).isEqualTo(Verdict.RESTARTED);
  }

  @Test
  void shouldRoundTripThroughTheChunkRecordAndRefuseAForgedOne() {
    assertThat(ResumePoint.of(NEAR_WRAP.toRecord())).isEqualTo(NEAR_WRAP);
    assertThat(ResumePoint.of(dev.resolute.schemas.SourceClock.newBuilder().setTimeBaseNum(1).setTimeBaseDen(0)
        .setWrapBits(33).setLastPts(5).build())).isNull();
    assertThat(ResumePoint.of(null)).isNull();
  }
}
