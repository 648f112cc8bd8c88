package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRP;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded pictures to packed BGR24 or planar RGB at any size with FFmpeg's scaler, in one pass: colour
 * conversion and resampling together, from the decoder's own pixel format. Shrinking averages every
 * source pixel (area filter) rather than sampling two taps per axis, which would skip pixels and
 * alias; same size and enlarging are bilinear, as FFmpeg's grabber converts. Owns its native
 * buffers and scaler context: one per thread, closed by its owner.
 */
public final class PictureScaler implements AutoCloseable {
  static {
    FfmpegLog.errorsOnly();
  }

  private SwsContext context;
  private final Buffer source = new Buffer();
  private final Buffer target = new Buffer();
  private final PointerPointer<BytePointer> sourcePlanes = new PointerPointer<>(4);
  private final IntPointer sourceStrides = new IntPointer(4);
  private final PointerPointer<BytePointer> targetPlanes = new PointerPointer<>(4);
  private final IntPointer targetStrides = new IntPointer(4);

  /** The filter FFmpeg resamples with: area when both sides shrink, bilinear otherwise. */
  public static int filterFor(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    return dstWidth < srcWidth && dstHeight < srcHeight ? SWS_AREA : SWS_BILINEAR;
  }

  /** Packed BGR24 (rows of {@code 3 * width} bytes, no padding) of {@code picture} at {@code width x height}. */
  public byte[] bgr(Picture picture, int width, int height) {
    byte[] out = new byte[3 * width * height];
    bgrInto(picture, width, height, out);
    return out;
  }

  /** As {@link #bgr}, into {@code out}, which must hold {@code 3 * width * height} bytes. */
  public void bgrInto(Picture picture, int width, int height, byte[] out) {
    if (out.length != 3 * width * height) {
      throw new IllegalArgumentException("BGR buffer of " + out.length + " bytes for " + width + "x" + height);
    }
    BytePointer result = scale(picture, width, height, AV_PIX_FMT_BGR24);
    copyRows(result, targetStrides.get(0), out, 0, 3 * width, height);
  }

  /**
   * Three planes of {@code width x height} bytes, one per colour, in the order {@code order} names
   * (R, G and B), one after the other without padding: the layout of an NCHW tensor, so the model's
   * input is one contiguous pass per channel rather than a gather of every third byte. At the source
   * size the values are exactly {@link #bgrInto}'s; when shrinking, FFmpeg's planar output
   * interpolates chroma at full resolution, which its packed BGR output does not.
   *
   * @param order a permutation of "RGB", e.g. "BGR" for a model trained on OpenCV's channel order
   */
  public void planesInto(Picture picture, int width, int height, String order, byte[] out) {
    int plane = width * height;
    if (out.length != 3 * plane) {
      throw new IllegalArgumentException("planar buffer of " + out.length + " bytes for " + width + "x" + height);
    }
    if (order.length() != 3 || order.chars().distinct().count() != 3) {
      throw new IllegalArgumentException("channel order " + order + " is not a permutation of RGB");
    }
    scale(picture, width, height, AV_PIX_FMT_GBRP);
    for (int c = 0; c < 3; c++) {
      // FFmpeg's planar RGB stores G, B, R
      int source = switch (order.charAt(c)) {
        case 'G' -> 0;
        case 'B' -> 1;
        case 'R' -> 2;
        default -> throw new IllegalArgumentException("channel order " + order + " is not a permutation of RGB");
      };
      BytePointer planeStart = new BytePointer(targetPlanes.get(source));
      copyRows(planeStart, targetStrides.get(source), out, c * plane, width, height);
    }
  }

  private BytePointer scale(Picture picture, int width, int height, int targetFormat) {
    int flags = filterFor(picture.width(), picture.height(), width, height);
    context = sws_getCachedContext(context, picture.width(), picture.height(), picture.pixelFormat(),
        width, height, targetFormat, flags, null, null, (DoublePointer) null);
    if (context == null) {
      throw new IllegalStateException("FFmpeg's scaler cannot convert pixel format " + picture.pixelFormat()
          + " at " + picture.width() + "x" + picture.height() + " to " + targetFormat + " at " + width + "x" + height);
    }
    BytePointer in = source.atLeast(picture.data().length);
    in.position(0).put(picture.data(), 0, picture.data().length);
    av_image_fill_arrays(sourcePlanes, sourceStrides, in, picture.pixelFormat(), picture.width(), picture.height(), Picture.ALIGN);
    int targetBytes = av_image_get_buffer_size(targetFormat, width, height, Picture.ALIGN);
    BytePointer result = target.atLeast(targetBytes);
    av_image_fill_arrays(targetPlanes, targetStrides, result, targetFormat, width, height, Picture.ALIGN);
    sws_scale(context, sourcePlanes, sourceStrides, 0, picture.height(), targetPlanes, targetStrides);
    return result;
  }

  private static void copyRows(BytePointer rows, int stride, byte[] out, int offset, int rowBytes, int height) {
    if (stride == rowBytes) {
      rows.position(0).get(out, offset, rowBytes * height);
    } else {
      for (int y = 0; y < height; y++) {
        rows.position((long) y * stride).get(out, offset + y * rowBytes, rowBytes);
      }
    }
  }

  @Override
  public void close() {
    if (context != null) {
      sws_freeContext(context);
      context = null;
    }
    source.free();
    target.free();
    sourcePlanes.close();
    sourceStrides.close();
    targetPlanes.close();
    targetStrides.close();
  }

  /** A native buffer from FFmpeg's allocator (aligned for its SIMD code) that grows, never shrinks. */
  private static final class Buffer {
    private BytePointer pointer;
    private long capacity;

    BytePointer atLeast(long bytes) {
      if (capacity < bytes) {
        free();
        pointer = new BytePointer(av_malloc(bytes)).capacity(bytes);
        if (pointer.isNull()) {
          throw new OutOfMemoryError("FFmpeg could not allocate " + bytes + " bytes");
        }
        capacity = bytes;
      }
      return pointer.position(0);
    }

    void free() {
      if (pointer != null) {
        // the address FFmpeg allocated: positions moved by reads must not reach av_free
        av_free(pointer.position(0));
        pointer = null;
        capacity = 0;
      }
    }
  }
}
