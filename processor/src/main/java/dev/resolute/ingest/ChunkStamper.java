package dev.resolute.ingest;

import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns payloads into the chunk records of one camera: numbers chunks and frames without gaps
 * (across reconnects too, so downstream order holds), and stamps capture and source times.
 */
final class ChunkStamper {
  private final String cameraId;
  private final Consumer<VideoChunk> sink;
  private long chunks;
  private long frames;

  ChunkStamper(String cameraId, Consumer<VideoChunk> sink) {
    this.cameraId = dev.resolute.schemas.CameraIds.require(cameraId);
    this.sink = sink;
  }

  void emit(Payload payload, StreamInfo stream, CaptureClock capture) {
    if (payload.frames() == 0) {
      return;
    }
    MonotonicStamps.Stamp stamp = capture.stamp(payload);
    sink.accept(VideoChunk.newBuilder()
        .setCameraId(cameraId)
        .setSequence(chunks)
        .setCaptureTimeMs(stamp.firstMs())
        .setCaptureTimeScale(stamp.scale())
        .setFirstPtsMicros(payload.firstPtsMicros())
        .setFirstFrameIndex(frames)
        .setFrameCount(payload.frames())
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
    frames += payload.frames();
  }

  long chunks() {
    return chunks;
  }

  long frames() {
    return frames;
  }
}
