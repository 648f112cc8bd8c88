package dev.resolute.ingest;

import dev.resolute.schemas.SourceClock;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.MonotonicStamps;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns payloads into the chunk records of one camera: numbers chunks and frames without gaps
 * (across reconnects too, so downstream order holds, and across ingest restarts where the topic
 * says where the camera stopped), and stamps capture and source times. Only new frames take new
 * indices: a payload's decode-only frames were numbered when they were published, and take the
 * indices just before its new ones.
 */
final class ChunkStamper {
  private final String cameraId;
  private final Consumer<VideoChunk> sink;
  private long chunks;
  private long frames;

  ChunkStamper(String cameraId, Consumer<VideoChunk> sink) {
    this(cameraId, sink, 0, 0);
  }

  /** Numbering from {@code nextSequence} and {@code nextFrameIndex}: where the camera's chunks on the topic stop. */
  ChunkStamper(String cameraId, Consumer<VideoChunk> sink, long nextSequence, long nextFrameIndex) {
    if (nextSequence < 0 || nextFrameIndex < 0) {
      throw new IllegalArgumentException("numbering starts at 0 or later, not chunk " + nextSequence + " frame " + nextFrameIndex);
    }
    this.cameraId = dev.resolute.schemas.CameraIds.require(cameraId);
    this.sink = sink;
    this.chunks = nextSequence;
    this.frames = nextFrameIndex;
  }

  void emit(Payload payload, StreamInfo stream, CaptureClock capture) {
    emit(payload, stream, capture, null);
  }

  /** @param clock where the source's clock stands at the payload's last new frame; null for a source whose clock restarts per session */
  void emit(Payload payload, StreamInfo stream, CaptureClock capture, SourceClock clock) {
    int decodeOnly = payload.decodeOnlyFrames();
    if (payload.frames() == 0 || decodeOnly >= payload.frames()) {
      return;
    }
    if (decodeOnly < 0 || decodeOnly > frames) {
      throw new IllegalStateException("camera " + cameraId + ": " + decodeOnly + " decode-only frames, but only " + frames
          + " frames were ever numbered");
    }
    MonotonicStamps.Stamp stamp = capture.stamp(payload);
    sink.accept(VideoChunk.newBuilder()
        .setCameraId(cameraId)
        .setSequence(chunks)
        .setCaptureTimeMs(stamp.firstMs())
        .setCaptureTimeScale(stamp.scale())
        .setFirstPtsMicros(payload.firstPtsMicros())
        .setFirstFrameIndex(frames - decodeOnly)
        .setFrameCount(payload.frames())
        .setDecodeOnlyFrames(decodeOnly)
        .setSourceClock(clock)
        .setFramePtsMicros(Arrays.stream(payload.framePtsMicros()).boxed().toList())
        .setFps(stream.fps())
        .setWidth(stream.width())
        .setHeight(stream.height())
        .setCodedWidth(payload.codedWidth())
        .setCodedHeight(payload.codedHeight())
        .setRotationDegrees(stream.rotationDegrees())
        .setCodec(payload.codec())
        .setContainer(ChunkMuxer.CONTAINER)
        .setPayload(ByteBuffer.wrap(payload.bytes()))
        .build());
    chunks++;
    frames += payload.frames() - decodeOnly;
  }

  long chunks() {
    return chunks;
  }

  long frames() {
    return frames;
  }
}
