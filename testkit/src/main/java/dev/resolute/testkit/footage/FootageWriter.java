package dev.resolute.testkit.footage;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Encodes a {@link SyntheticScene} into a real video file with FFmpeg. */
public final class FootageWriter {

  /**
   * The codecs the generator offers: lossless FFV1, H.264 as a camera would send it, or Motion JPEG
   * as cheap cameras send it (every frame a keyframe).
   */
  public enum Codec {
    FFV1("ffv1", AV_PIX_FMT_BGR0),
    H264("libopenh264", AV_PIX_FMT_YUV420P),
    MJPEG("mjpeg", AV_PIX_FMT_YUVJ420P);

    private final String encoder;
    private final int pixelFormat;

    Codec(String encoder, int pixelFormat) {
      this.encoder = encoder;
      this.pixelFormat = pixelFormat;
    }
  }

  private FootageWriter() {}

  /**
   * Writes {@code frames} frames of the scene into a Matroska file, with a keyframe every second so
   * that the file can be cut into one-second chunks without re-encoding.
   */
  public static void write(SyntheticScene scene, long frames, Codec codec, Path file) throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), scene.width(), scene.height(), 0);
        Frame frame = new Frame(scene.width(), scene.height(), Frame.DEPTH_UBYTE, 3)) {
      recorder.setFormat("matroska");
      recorder.setVideoCodecName(codec.encoder);
      recorder.setPixelFormat(codec.pixelFormat);
      recorder.setFrameRate(scene.fps());
      recorder.setGopSize((int) Math.round(scene.fps()));
      if (codec == Codec.H264) {
        recorder.setVideoBitrate(scene.width() * scene.height() * 4);
      }
      recorder.start();
      for (long i = 0; i < frames; i++) {
        copyInto(frame, scene.renderBgr(i), scene.width());
        recorder.record(frame, AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
  }

  private static void copyInto(Frame frame, byte[] bgr, int width) {
    ByteBuffer buffer = (ByteBuffer) frame.image[0];
    int rowBytes = width * 3;
    for (int y = 0; y < frame.imageHeight; y++) {
      buffer.position(y * frame.imageStride);
      buffer.put(bgr, y * rowBytes, rowBytes);
    }
    buffer.rewind();
  }
}
