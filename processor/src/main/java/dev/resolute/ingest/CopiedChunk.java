package dev.resolute.ingest;

import dev.resolute.decode.FfmpegErrors;
import java.io.ByteArrayOutputStream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Packets copied as they are into an in-memory Matroska container. */
final class CopiedChunk {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final FFmpegFrameRecorder recorder;
  final double firstSeconds;
  final String codec;
  int frames;

  CopiedChunk(AVFormatContext input, SourceProbe probe, double firstSeconds) throws Exception {
    this.firstSeconds = firstSeconds;
    this.codec = probe.codec();
    recorder = new FFmpegFrameRecorder(bytes, probe.width(), probe.height(), 0);
    recorder.setFormat(VideoFileChunker.CONTAINER);
    try {
      recorder.start(input);
    } catch (Exception e) {
      recorder.close();
      throw new MuxRefusedException(FfmpegErrors.describe(e), e);
    }
  }

  void add(AVPacket packet) throws Exception {
    try {
      recorder.recordPacket(packet);
    } catch (Exception e) {
      recorder.close();
      throw new MuxRefusedException(FfmpegErrors.describe(e), e);
    }
    frames++;
  }

  Payload finish() throws Exception {
    recorder.close();
    return new Payload(bytes.toByteArray(), codec, firstSeconds, frames);
  }
}
