package dev.resolute.ingest;

import dev.resolute.footage.SyntheticScene;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small clips of the synthetic scene in a given container and codec, for the ingest tests. */
final class TestClips {
  private TestClips() {}

  /**
   * Writes the scene's frames shown at {@code ptsMicros}; {@code timeBaseFps} is the recorder's
   * time base (1/rate), fine enough for the times given.
   */
  static void write(Path file, String format, String encoder, SyntheticScene scene, long[] ptsMicros, double timeBaseFps,
      int gop, Map<String, String> muxerOptions) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), scene.width(), scene.height(), 0);
        Frame frame = new Frame(scene.width(), scene.height(), Frame.DEPTH_UBYTE, 3)) {
      recorder.setFormat(format);
      recorder.setVideoCodecName(encoder);
      recorder.setFrameRate(timeBaseFps);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate(2_000_000);
      muxerOptions.forEach(recorder::setOption);
      recorder.start();
      for (int i = 0; i < ptsMicros.length; i++) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] bgr = scene.renderBgr(i);
        for (int y = 0; y < scene.height(); y++) {
          buffer.position(y * frame.imageStride);
          buffer.put(bgr, y * scene.width() * 3, scene.width() * 3);
        }
        buffer.rewind();
        recorder.setTimestamp(ptsMicros[i]);
        recorder.record(frame, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
  }

  /** {@code frames} times, {@code intervalMicros} apart from 0. */
  static long[] evenlySpaced(int frames, long intervalMicros) {
    long[] pts = new long[frames];
    for (int i = 0; i < frames; i++) {
      pts[i] = i * intervalMicros;
    }
    return pts;
  }
}
