package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import java.nio.ByteBuffer;

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

  /**
   * A BGR24 picture from rows of packed pixels that something else decoded (JavaCV's grabber), laid
   * out at this class's aligned row length.
   *
   * @param image the first row at its position, each row {@code stride} bytes after the last
   * @param stride bytes from one row to the next in {@code image}, at least {@code 3 * width}
   */
  public static Picture ofBgr24(ByteBuffer image, int stride, int width, int height) {
    int rowBytes = 3 * width;
    if (stride < rowBytes) {
      throw new IllegalArgumentException("BGR24 rows of " + stride + " bytes cannot hold " + width + " pixels");
    }
    int size = bytes(AV_PIX_FMT_BGR24, width, height);
    int rowLength = size / height;
    byte[] data = new byte[size];
    ByteBuffer rows = image.duplicate();
    int first = rows.position();
    for (int y = 0; y < height; y++) {
      rows.position(first + y * stride);
      rows.get(data, y * rowLength, rowBytes);
    }
    return new Picture(AV_PIX_FMT_BGR24, width, height, data);
  }

  static int bytes(int pixelFormat, int width, int height) {
    int size = av_image_get_buffer_size(pixelFormat, width, height, ALIGN);
    if (size < 0) {
      throw new IllegalArgumentException("FFmpeg cannot lay out pixel format " + pixelFormat + " at " + width + "x" + height);
    }
    return size;
  }
}
