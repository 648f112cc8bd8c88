package dev.resolute.testkit.footage.corpus;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes a video-only clip through JavaCV's FFmpegFrameRecorder, for ordinary sizes and constant
 * time bases. It rounds odd widths up, cannot flag fields and mistimes audio in AVI, all of which
 * {@link DirectWriter} does right.
 */
final class RecorderWriter {
  /** {@code muxerOptions} go to avformat_write_header, e.g. MP4's movflags. */
  record Spec(String format, String codec, int pixelFormat, Rational rate, int gop, Map<String, String> muxerOptions,
      double rotationDegrees) {
    static Spec of(String format, String codec, int pixelFormat, Rational rate) {
      return new Spec(format, codec, pixelFormat, rate, (int) Math.round(rate.value()), Map.of(), 0);
    }

    Spec gop(int frames) {
      return new Spec(format, codec, pixelFormat, rate, frames, muxerOptions, rotationDegrees);
    }

    Spec muxer(String option, String value) {
      return new Spec(format, codec, pixelFormat, rate, gop, Map.of(option, value), rotationDegrees);
    }

    Spec rotation(double degrees) {
      return new Spec(format, codec, pixelFormat, rate, gop, muxerOptions, degrees);
    }
  }

  private RecorderWriter() {}

  /** The schedule's ticks must be in {@code 1/spec.rate()}: the recorder's time base is always that. */
  static void write(SyntheticScene scene, FrameSchedule schedule, Spec spec, Path file) throws Exception {
    if (!schedule.timeBase().equals(spec.rate().inverse())) {
      throw new IllegalArgumentException("the recorder counts in frames of 1/" + spec.rate() + ", not " + schedule.timeBase());
    }
    int width = scene.width();
    int height = scene.height();
    ByteBuffer bgr = ByteBuffer.allocateDirect(width * height * 3);
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
      recorder.setFormat(spec.format());
      recorder.setVideoCodecName(spec.codec());
      recorder.setPixelFormat(spec.pixelFormat());
      recorder.setFrameRate(spec.rate().value());
      recorder.setGopSize(spec.gop());
      spec.muxerOptions().forEach(recorder::setOption);
      if (spec.rotationDegrees() != 0) {
        recorder.setDisplayRotation(spec.rotationDegrees());
      }
      recorder.start();
      for (int i = 0; i < schedule.size(); i++) {
        bgr.clear();
        bgr.put(scene.renderBgr(schedule.sceneIndices()[i])).flip();
        recorder.setFrameNumber((int) schedule.ticks()[i]);
        recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_BGR24, bgr);
      }
      recorder.stop();
    }
  }
}
