package dev.resolute.testkit.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

  private static VideoChunk chunk(long sequence) {
    return VideoChunk.newBuilder().setCameraId("c").setSequence(sequence).setCaptureTimeMs(0)
        .setFirstPtsMicros(sequence * 200_000).setFirstFrameIndex(sequence * 4).setFrameCount(4).setFps(20)
        .setWidth(2).setHeight(2).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.allocate(1)).build();
  }

  /** A clock that only moves when the pacer sleeps. */
  private static final class VirtualClock extends Clock {
    long nowMs = 1_000_000;

    @Override
    public long millis() {
      return nowMs;
    }

    @Override
    public java.time.Instant instant() {
      return java.time.Instant.ofEpochMilli(nowMs);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldReleaseChunksAtTheRecordedPaceDividedBySpeed() {
    VirtualClock clock = new VirtualClock();
    List<VideoChunk> out = new ArrayList<>();
    List<Long> releasedAt = new ArrayList<>();
    ReplayPacer pacer = new ReplayPacer(4, clock, ms -> clock.nowMs += ms, c -> {
      out.add(c);
      releasedAt.add(clock.nowMs);
    });

    for (long s = 0; s < 5; s++) {
      pacer.accept(chunk(s));
    }

    // 200 ms of media per chunk at 4x: one chunk every 50 ms, each once its last frame is "captured"
    assertThat(releasedAt).containsExactly(1_000_038L, 1_000_088L, 1_000_138L, 1_000_188L, 1_000_238L);
    assertThat(out).allSatisfy(c -> assertThat(c.getCaptureTimeScale()).isEqualTo(0.25));
    // stamped capture time: the first frame's, 3 frames (150 ms of media, 38 ms at 4x) before release
    assertThat(out.get(0).getCaptureTimeMs()).isEqualTo(1_000_000L);
    assertThat(out.get(4).getCaptureTimeMs() - out.get(0).getCaptureTimeMs()).isEqualTo(200L);
  }
}
