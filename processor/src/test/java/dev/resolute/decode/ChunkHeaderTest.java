package dev.resolute.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The header checks that keep a forged chunk from producing outputs a broker refuses. */
class ChunkHeaderTest {
  private static final long NOW = 1_800_000_000_000L; // 2027
  private static final CaptureWindow DEFAULTS = CaptureWindow.of(Duration.ofMinutes(5), Duration.ofHours(1).toMillis(), Long.MAX_VALUE);

  @Test
  void shouldRefuseAChunkStampedTwoHoursAheadAndTakeOneWithinTheSkew() {
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(chunk(NOW + Duration.ofHours(2).toMillis()).build(), DEFAULTS, NOW))
        .isInstanceOf(ChunkDecodeException.class).hasMessageContaining("ahead of now");
    assertThatCode(() -> ChunkHeader.checkCaptureTimes(chunk(NOW + 60_000).build(), DEFAULTS, NOW)).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseDecodeOnlyFramesThatLeaveNoNewFrameOrCountBelowZero() {
    VideoChunk allCarried = chunk(NOW).setDecodeOnlyFrames(10).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(allCarried, DEFAULTS, NOW)).isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("10 decode-only frames of its 10").hasMessageContaining("at least one new frame");
    VideoChunk negative = chunk(NOW).setDecodeOnlyFrames(-1).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(negative, DEFAULTS, NOW)).hasMessageContaining("-1 decode-only frames");
    assertThatCode(() -> ChunkHeader.checkCaptureTimes(chunk(NOW).setDecodeOnlyFrames(9).build(), DEFAULTS, NOW))
        .as("a resumed GOP with one new frame").doesNotThrowAnyException();
  }

  @Test
  void shouldMeasureTheSkewAtTheLastFrameNotOnlyTheFirst() {
    // first frame now, but a slow-motion scale puts the last one 9 s x 100 = 15 min ahead
    VideoChunk slow = chunk(NOW).setCaptureTimeScale(100).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(slow, DEFAULTS, NOW)).hasMessageContaining("ahead of now");
  }

  @Test
  void shouldTakeAnOldBacklogUnlessTheTopicsRefuseOldTimestamps() {
    VideoChunk weekOld = chunk(NOW - Duration.ofDays(7).toMillis()).build();
    assertThatCode(() -> ChunkHeader.checkCaptureTimes(weekOld, DEFAULTS, NOW)).doesNotThrowAnyException();

    CaptureWindow dayOnly = CaptureWindow.of(Duration.ofMinutes(5), Duration.ofHours(1).toMillis(), Duration.ofDays(1).toMillis());
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(weekOld, dayOnly, NOW)).hasMessageContaining("older than the output topics accept");
  }

  @Test
  void shouldNotLetTheSkewExceedWhatTheTopicsTakeAhead() {
    CaptureWindow tenSeconds = CaptureWindow.of(Duration.ofMinutes(5), 10_000, Long.MAX_VALUE);
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(chunk(NOW + 60_000).build(), tenSeconds, NOW))
        .hasMessageContaining("ahead of now");
  }

  @Test
  void shouldRefuseFrameTimesSpanningMoreThanIngestCutsAChunkAt() {
    VideoChunk span40 = chunk(NOW).setFrameCount(2).setFramePtsMicros(List.of(0L, 1L << 40)).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(span40, DEFAULTS, NOW)).hasMessageContaining("span 1099511627776 µs");

    VideoChunk sixtySeconds = chunk(NOW - 120_000).setFrameCount(2).setFramePtsMicros(List.of(0L, 60_000_000L)).build();
    assertThatCode(() -> ChunkHeader.checkCaptureTimes(sixtySeconds, DEFAULTS, NOW)).as("a variable-rate camera's long chunk")
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseFrameTimesWhoseDifferenceOverflows() {
    VideoChunk overflow = chunk(NOW).setFirstPtsMicros(Long.MIN_VALUE + 1).setFrameCount(2)
        .setFramePtsMicros(List.of(Long.MIN_VALUE + 1, Long.MAX_VALUE)).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(overflow, DEFAULTS, NOW)).hasMessageContaining("overflow");

    VideoChunk noListNearTheEnd = chunk(NOW).setFirstPtsMicros(Long.MAX_VALUE - 10).setFramePtsMicros(List.of()).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(noListNearTheEnd, DEFAULTS, NOW)).hasMessageContaining("overflow");
  }

  @Test
  void shouldRefuseASlowFrameRateThatStretchesAChunkWithoutFrameTimes() {
    VideoChunk slow = chunk(NOW).setFramePtsMicros(List.of()).setFps(0.01).build(); // 10 frames over 900 s
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(slow, DEFAULTS, NOW)).hasMessageContaining("span 900000000 µs");
  }

  @Test
  void shouldRefuseACaptureTimeAtTheEndOfTheLongRangeWithoutOverflowing() {
    VideoChunk end = chunk(Long.MAX_VALUE - 5).build();
    assertThatThrownBy(() -> ChunkHeader.checkCaptureTimes(end, DEFAULTS, NOW)).isInstanceOf(ChunkDecodeException.class)
        .hasMessageContaining("overflow");
  }

  @Test
  void shouldRefuseADecodedSizeWhoseProductOverflowsInsteadOfWrappingBelowTheBudget() {
    VideoChunk vast = chunk(NOW).setFrameCount(Integer.MAX_VALUE).setFramePtsMicros(List.of()).setFps(1000)
        .setWidth(65_536).setHeight(65_536).build();
    assertThatThrownBy(() -> ChunkHeader.check(vast, 1L << 40)).isInstanceOf(ChunkDecodeException.class);
  }

  @Test
  void shouldNotLetTheContainerStretchAChunkWithoutFrameTimesBeyondItsDeclaredSpan() throws Exception {
    // 2 frames at 1000 fps, slow motion x1000: the header's span is 1 ms, 1 s of capture time
    VideoChunk twoFrames = chunk(NOW).setFrameCount(2).setFramePtsMicros(List.of()).setFps(1000).setCaptureTimeScale(1000).build();
    assertThatCode(() -> ChunkHeader.checkCaptureTimes(twoFrames, DEFAULTS, NOW)).doesNotThrowAnyException();

    // the container puts the second frame 59 s on: 16 h ahead once scaled
    assertThatThrownBy(() -> ChunkHeader.containerPtsMicros(twoFrames, 59_000_000))
        .isInstanceOf(InvalidChunkException.class).hasMessageContaining("59000000 µs");
    assertThatThrownBy(() -> ChunkHeader.containerPtsMicros(twoFrames, -2_000)).isInstanceOf(InvalidChunkException.class);
    // a millisecond timebase's rounding is held to the declared span
    assertThat(ChunkHeader.containerPtsMicros(twoFrames, 1_999)).isEqualTo(1_000);
    assertThat(ChunkHeader.containerPtsMicros(twoFrames, 500)).isEqualTo(500);
  }

  private static VideoChunk.Builder chunk(long captureTimeMs) {
    return VideoChunk.newBuilder()
        .setCameraId("cam").setSequence(0).setCaptureTimeMs(captureTimeMs).setFirstPtsMicros(0)
        .setFrameCount(10).setFramePtsMicros(LongStream.range(0, 10).map(i -> i * 1_000_000).boxed().toList())
        .setFps(1).setWidth(64).setHeight(48).setCodec("h264").setContainer("matroska")
        .setPayload(ByteBuffer.wrap(new byte[0]));
  }
}
