package dev.resolute.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.MaskEncoding;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingChunksTest {
  static VideoChunk chunk(String camera, long sequence, int bytes, byte fill) {
    byte[] payload = new byte[bytes];
    java.util.Arrays.fill(payload, fill);
    return VideoChunk.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTimeMs(1_000 * sequence)
        .setFirstPtsMicros(1_000_000 * sequence).setFirstFrameIndex(10 * sequence).setFrameCount(10)
        .setFramePtsMicros(java.util.stream.LongStream.range(0, 10).map(i -> 1_000_000 * sequence + 100_000 * i).boxed().toList())
        .setFps(10).setWidth(320).setHeight(240).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.wrap(payload)).build();
  }

  static SegmentationMask mask(String camera, long sequence, long frameIndex, long pts, int width, int height) {
    return SegmentationMask.newBuilder().setCameraId(camera).setChunkSequence(sequence).setFrameIndex(frameIndex).setPtsMicros(pts)
        .setSourceWidth(width).setSourceHeight(height).setInferenceWidth(8).setInferenceHeight(8).setClassNames(List.of("bg"))
        .setMaskEncoding(MaskEncoding.PNG_GRAY8).setMask(ByteBuffer.allocate(1)).setClassFractions(List.of(1f)).setModelId("m").build();
  }

  /** The mask of the second frame of {@code chunk}, as the processor would publish it. */
  private static SegmentationMask maskOf(VideoChunk chunk) {
    return mask(chunk.getCameraId(), chunk.getSequence(), chunk.getFirstFrameIndex() + 1, chunk.getFramePtsMicros().get(1), 320, 240);
  }

  @Test
  void shouldKeepTheFirstChunkOfASequenceWhenAForgeryWithTheSameCameraAndSequenceFollows() {
    PendingChunks pending = new PendingChunks(1 << 20, 8);
    VideoChunk real = chunk("cam", 3, 100, (byte) 1);
    pending.add(real);
    pending.add(chunk("cam", 3, 100, (byte) 66));

    assertThat(pending.match(maskOf(real))).isSameAs(real);
  }

  @Test
  void shouldMatchOnlyAMaskThatAgreesWithTheChunk() {
    PendingChunks pending = new PendingChunks(1 << 20, 8);
    VideoChunk chunk = chunk("cam", 2, 100, (byte) 1);
    pending.add(chunk);

    assertThat(pending.match(mask("cam", 2, 20, 2_000_000, 320, 240))).isSameAs(chunk);
    assertThat(pending.match(mask("cam", 2, 30, 2_000_000, 320, 240))).as("frame outside the chunk").isNull();
    assertThat(pending.match(mask("cam", 2, 21, 2_000_000, 320, 240))).as("another frame's pts").isNull();
    assertThat(pending.match(mask("cam", 2, 20, 2_000_000, 640, 240))).as("another frame size").isNull();
    assertThat(pending.match(mask("cam", 9, 90, 9_000_000, 320, 240))).as("a sequence never seen (a dead-lettered chunk's)")
        .isNull();
    assertThat(pending.match(mask("other", 2, 20, 2_000_000, 320, 240))).as("another camera").isNull();
  }

  @Test
  void shouldKeepAtMostTheNewestChunksOfACamera() {
    PendingChunks pending = new PendingChunks(1 << 30, 8);
    for (long s = 0; s < PendingChunks.CHUNKS_PER_CAMERA + 5; s++) {
      pending.add(chunk("cam", s, 1000, (byte) 1));
    }

    assertThat(pending.chunks("cam")).isEqualTo(PendingChunks.CHUNKS_PER_CAMERA);
    assertThat(pending.bytes()).isEqualTo(1000L * PendingChunks.CHUNKS_PER_CAMERA);
    assertThat(pending.match(maskOf(chunk("cam", 0, 1, (byte) 0)))).as("the oldest went").isNull();
  }

  @Test
  void shouldBoundACamerasBytesAndRefuseAChunkLargerThanThatBound() {
    PendingChunks pending = new PendingChunks(1L << 40, 8);
    int big = (int) (PendingChunks.BYTES_PER_CAMERA / 3);
    for (long s = 0; s < 5; s++) {
      pending.add(chunk("cam", s, big, (byte) 1));
    }
    pending.add(chunk("huge", 0, (int) PendingChunks.BYTES_PER_CAMERA + 1, (byte) 1));

    assertThat(pending.chunks("cam")).isEqualTo(3);
    assertThat(pending.chunks("huge")).isZero();
    assertThat(pending.bytes()).isEqualTo(3L * big);
  }

  @Test
  void shouldDropTheStalestCameraWhenOverTheCameraOrByteBound() {
    PendingChunks pending = new PendingChunks(3_000, 3);
    for (String camera : List.of("a", "b", "c", "d")) {
      pending.add(chunk(camera, 0, 500, (byte) 1));
    }
    assertThat(pending.cameras()).isEqualTo(3);
    assertThat(pending.chunks("a")).as("the stalest camera").isZero();

    pending.add(chunk("b", 1, 500, (byte) 1)); // b is now the freshest
    pending.add(chunk("d", 1, 1500, (byte) 1)); // 3500 bytes in all: over the bound

    assertThat(pending.bytes()).isLessThanOrEqualTo(3_000);
    assertThat(pending.chunks("c")).as("the stalest camera went first").isZero();
    assertThat(pending.chunks("b")).isEqualTo(2);
  }
}
