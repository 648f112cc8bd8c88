package dev.resolute.mask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an 8-bit greyscale PNG straight from a byte array: label maps are mostly long runs of one
 * value, which deflate squeezes well with no row filter, so ImageIO's per-row filter search and
 * image model buy nothing here.
 */
public final class PngGrayEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int HEADER_LENGTH = 13;
  private static final int CHUNK_OVERHEAD = 12; // length, type and CRC

  private PngGrayEncoder() {}

  /** With {@link LabelDeflater}, which knows label maps are runs and repeated rows. */
  public static byte[] encode(byte[] pixels, int width, int height) {
    checkSize(pixels, width, height);
    if (!LabelDeflater.fits(width, height)) {
      return encode(pixels, width, height, Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY, false);
    }
    return png(width, height, LabelDeflater.zlib(pixels, width, height));
  }

  /**
   * With {@link Deflater} and its settings, for measuring them ({@code bench}).
   *
   * @param level deflate level, 0 to 9
   * @param strategy {@link Deflater}'s strategy
   * @param upFilter each row as its difference from the row above (PNG filter Up) instead of as it is
   */
  public static byte[] encode(byte[] pixels, int width, int height, int level, int strategy, boolean upFilter) {
    checkSize(pixels, width, height);
    try {
      return png(width, height, deflateRows(pixels, width, height, level, strategy, upFilter));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
  }

  private static void checkSize(byte[] pixels, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a PNG is at least 1x1, got " + width + "x" + height);
    }
    if (pixels.length != (long) width * height) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " map has " + (long) width * height + " pixels, got " + pixels.length);
    }
  }

  private static byte[] png(int width, int height, byte[] zlib) {
    ByteBuffer png = ByteBuffer.allocate(SIGNATURE.length + 3 * CHUNK_OVERHEAD + HEADER_LENGTH + zlib.length);
    png.put(SIGNATURE);
    int header = startChunk(png, "IHDR", HEADER_LENGTH);
    png.putInt(width).putInt(height);
    png.put((byte) 8); // bit depth
    png.put((byte) 0); // colour type: greyscale
    png.put((byte) 0); // compression: deflate
    png.put((byte) 0); // filter method
    png.put((byte) 0); // no interlace
    endChunk(png, header);
    int data = startChunk(png, "IDAT", zlib.length);
    png.put(zlib);
    endChunk(png, data);
    endChunk(png, startChunk(png, "IEND", 0));
    return png.array();
  }

  /** Writes length and type; returns where the type starts, which the CRC covers with the data. */
  private static int startChunk(ByteBuffer png, String type, int length) {
    png.putInt(length);
    int start = png.position();
    png.put(type.getBytes(StandardCharsets.US_ASCII));
    return start;
  }

  private static void endChunk(ByteBuffer png, int typeStart) {
    CRC32 crc = new CRC32();
    crc.update(png.array(), typeStart, png.position() - typeStart);
    png.putInt((int) crc.getValue());
  }

  private static byte[] deflateRows(byte[] pixels, int width, int height, int level, int strategy, boolean upFilter)
      throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(pixels.length / 16 + 64);
    Deflater deflater = new Deflater(level);
    deflater.setStrategy(strategy);
    byte[] row = new byte[width];
    try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater, 8192)) {
      for (int y = 0; y < height; y++) {
        if (upFilter && y > 0) {
          out.write(2); // filter type Up
          for (int x = 0, i = y * width; x < width; x++, i++) {
            row[x] = (byte) (pixels[i] - pixels[i - width]);
          }
          out.write(row);
        } else {
          out.write(0); // filter type None
          out.write(pixels, y * width, width);
        }
      }
    } finally {
      deflater.end();
    }
    return compressed.toByteArray();
  }
}
