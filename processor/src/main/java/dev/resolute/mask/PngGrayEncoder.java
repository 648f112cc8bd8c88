package dev.resolute.mask;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private PngGrayEncoder() {}

  public static byte[] encode(byte[] pixels, int width, int height) {
    return encode(pixels, width, height, Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY, false);
  }

  /**
   * With other deflate settings, for measuring them ({@code bench}).
   *
   * @param level deflate level, 0 to 9
   * @param strategy {@link Deflater}'s strategy
   * @param upFilter each row as its difference from the row above (PNG filter Up) instead of as it is
   */
  public static byte[] encode(byte[] pixels, int width, int height, int level, int strategy, boolean upFilter) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream(pixels.length / 16 + 128);
      png.write(SIGNATURE);
      ByteArrayOutputStream header = new ByteArrayOutputStream(13);
      DataOutputStream h = new DataOutputStream(header);
      h.writeInt(width);
      h.writeInt(height);
      h.writeByte(8); // bit depth
      h.writeByte(0); // colour type: greyscale
      h.writeByte(0); // compression: deflate
      h.writeByte(0); // filter method
      h.writeByte(0); // no interlace
      chunk(png, "IHDR", header.toByteArray());
      chunk(png, "IDAT", deflateRows(pixels, width, height, level, strategy, upFilter));
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
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

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
    DataOutputStream out = new DataOutputStream(png);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }
}
