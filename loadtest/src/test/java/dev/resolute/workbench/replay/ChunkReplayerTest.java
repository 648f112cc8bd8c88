package dev.resolute.workbench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkReplayerTest {

  /** A clock that moves only when the replayer sleeps. */
  static final class VirtualClock extends Clock {
    long nowMs = 5_000_000;

    @Override public long millis() { return nowMs; }
    @Override public Instant instant() { return Instant.ofEpochMilli(nowMs); }
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
  }

  static VideoChunk chunk(String camera, long sequence, long captureMs) {
    return VideoChunk.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTimeMs(captureMs)
        .setFirstPtsMicros(sequence * 1_000_000).setFirstFrameIndex(sequence * 10).setFrameCount(10).setFps(10)
        .setWidth(4).setHeight(4).setCodec("h264").setContainer("matroska")
        .setPayload(ByteBuffer.wrap(new byte[] {(byte) sequence})).build();
  }

  private final VirtualClock clock = new VirtualClock();
  private final List<VideoChunk> sent = new ArrayList<>();
  private final List<Long> sentAt = new ArrayList<>();

  private ChunkReplayer.Result replay(ChunkReplayer.Settings settings, List<VideoChunk> recording) {
    return new ChunkReplayer(settings, clock, ms -> clock.nowMs += ms).replay(recording, c -> {
      sent.add(c);
      sentAt.add(clock.nowMs);
    }, progress -> { });
  }

  @Test
  void shouldKeepTheRecordedSpacingDividedBySpeed() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 1000), chunk("a", 1, 2000), chunk("a", 2, 3000));

    replay(new ChunkReplayer.Settings(2, 1, false, 0), recording);

    assertThat(sentAt).containsExactly(5_000_000L, 5_000_500L, 5_001_000L);
    assertThat(sent).allSatisfy(c -> assertThat(c.getCaptureTimeScale()).isEqualTo(0.5));
  }

  @Test
  void shouldSendChunksExactlyAsRecordedAtFullSpeed() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 1000), chunk("b", 0, 1500), chunk("a", 1, 2000));

    replay(new ChunkReplayer.Settings(Double.POSITIVE_INFINITY, 1, false, 0), recording);

    assertThat(sent).containsExactlyElementsOf(recording);
    assertThat(sentAt).containsOnly(5_000_000L);
  }

  @Test
  void shouldMultiplyCamerasUnderTheirOwnIds() {
    replay(new ChunkReplayer.Settings(Double.POSITIVE_INFINITY, 3, false, 0), List.of(chunk("a", 0, 1000)));

    assertThat(sent).extracting(VideoChunk::getCameraId).containsExactly("a-0", "a-1", "a-2");
  }

  @Test
  void shouldContinueSequenceAndFrameNumbersWhenLooping() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 0), chunk("a", 1, 1000));

    ChunkReplayer.Result result = replay(new ChunkReplayer.Settings(1, 1, true, 3_500), recording);

    assertThat(sent).extracting(VideoChunk::getSequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(sent).extracting(VideoChunk::getFirstFrameIndex).containsExactly(0L, 10L, 20L, 30L);
    assertThat(result.chunks()).isEqualTo(4);
  }
}
