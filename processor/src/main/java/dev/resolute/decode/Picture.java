package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

/**
 * One decoded picture in the pixel format the decoder produced (YUV 4:2:0 for most cameras), its
 * planes packed one after the other as {@link #ALIGN}-aligned rows. Kept on the JVM heap: half the
 * bytes of BGR for 4:2:0, and no native buffer outlives the decoder that filled it. FFmpeg's scaler
 * turns it into whatever size and channel order a consumer needs ({@link PictureScaler}).
 *
 * @param pixelFormat FFmpeg's {@code AVPixelFormat}
 */
public record Picture(int pixelFormat, int width, int height, byte[] data) {
  /** Row alignment of the planes: what FFmpeg's SIMD scalers read without a slow path. */
  public static final int ALIGN = 32;

  public Picture {
    int expected = bytes(pixelFormat, width, height);
    if (data.length != expected) {
      throw new IllegalArgumentException("picture of " + width + "x" + height + " in pixel format " + pixelFormat
          + " needs " + expected + " bytes, got " + data.length);
    }
  }

  static int bytes(int pixelFormat, int width, int height) {
    int size = av_image_get_buffer_size(pixelFormat, width, height, ALIGN);
    if (size < 0) {
      throw new IllegalArgumentException("FFmpeg cannot lay out pixel format " + pixelFormat + " at " + width + "x" + height);
    }
    return size;
  }
}
