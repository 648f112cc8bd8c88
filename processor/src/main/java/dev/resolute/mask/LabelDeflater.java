package dev.resolute.mask;

import java.util.Arrays;

/**
 * The zlib stream of a label map's PNG rows (filter None on every row), compressed the way label
 * maps allow: a label map is runs of one value and rows much like the row above, so the only
 * back-references worth looking for are at distance 1 (a run) and one stride back (the same columns
 * a row up). Greedy matching over those two, in fixed-Huffman codes, is zlib's run-length strategy
 * plus the row above, at a fraction of a general deflater's cost.
 *
 * <p>The row stream (a zero filter byte, then the row's pixels, for every row) is never built: a
 * position in it maps to a pixel or a filter byte, and the filter bytes, all zero, are reasoned
 * about instead of compared.
 */
final class LabelDeflater {
  // deflate with a 32 KiB window, level "fastest", no dictionary; 0x7801 is a multiple of 31 as the
  // header's check bits require. Low byte first, as the bit writer puts bytes out.
  private static final int ZLIB_HEADER = 0x78 | 0x01 << 8;
  private static final long DISTANCE_ONE = FixedHuffmanWriter.distance(1);

  private final byte[] pixels;
  private final int width;
  private final int stride;
  private final int pixelCount;
  private final int streamLength;

  private LabelDeflater(byte[] pixels, int width, int height) {
    this.pixels = pixels;
    this.width = width;
    this.stride = width + 1;
    this.pixelCount = width * height;
    this.streamLength = stride * height;
  }

  /** Whether {@link #zlib} takes a map of this size: its row stream must be indexable by an int. */
  static boolean fits(int width, int height) {
    return (width + 1L) * height <= Integer.MAX_VALUE;
  }

  static byte[] zlib(byte[] pixels, int width, int height) {
    if (!fits(width, height)) {
      throw new IllegalArgumentException("a " + width + "x" + height + " map is too large to deflate here");
    }
    LabelDeflater deflater = new LabelDeflater(pixels, width, height);
    // label maps shrink a hundredfold and more; growing covers the rest
    FixedHuffmanWriter out = new FixedHuffmanWriter(pixels.length / 64 + 64);
    out.bits(ZLIB_HEADER, 16);
    out.startFinalFixedBlock();
    deflater.compress(out);
    out.endBlock();
    out.bigEndianInt(RowAdler32.of(pixels, width, height));
    return out.toByteArray();
  }

  private void compress(FixedHuffmanWriter out) {
    boolean rowAbove = stride <= FixedHuffmanWriter.MAX_DISTANCE;
    long strideDistance = rowAbove ? FixedHuffmanWriter.distance(stride) : 0;
    // where the current run and row-above matches end: valid for every position before them
    int runEnd = 0;
    int copyEnd = 0;
    int p = 0;
    while (p < streamLength) {
      if (runEnd <= p) {
        runEnd = runEnd(p);
      }
      int run = Math.min(runEnd - p, FixedHuffmanWriter.MAX_MATCH);
      // a longest run beats any copy, so the row above is not scanned under long runs
      if (copyEnd <= p && rowAbove && run < FixedHuffmanWriter.MAX_MATCH) {
        copyEnd = copyEnd(p);
      }
      int copy = Math.min(copyEnd - p, FixedHuffmanWriter.MAX_MATCH);
      if (run >= copy && run >= FixedHuffmanWriter.MIN_MATCH) {
        out.match(run, DISTANCE_ONE); // ties go to the run: distance 1 has the shorter code
        p += run;
      } else if (copy >= FixedHuffmanWriter.MIN_MATCH) {
        out.match(copy, strideDistance);
        p += copy;
      } else {
        out.literal(byteAt(p));
        p++;
      }
    }
  }

  /** Where the stream stops repeating its previous byte, looking from {@code p}. */
  private int runEnd(int p) {
    if (p == 0) {
      return 0;
    }
    int row = p / stride;
    int column = p - row * stride;
    if (column == 0) {
      // a filter byte (zero) continues a run only of zeros, which then carries on into this row
      return pixels[row * width - 1] == 0 ? zeroRunEnd(row * width) : p;
    }
    int pixel = row * width + column - 1;
    if (column == 1 || pixels[pixel - 1] == 0) {
      return zeroRunEnd(pixel);
    }
    // a run of anything but zero stops at the next filter byte
    if (pixels[pixel] != pixels[pixel - 1]) {
      return p;
    }
    int rowEnd = (row + 1) * width;
    int end = PixelRuns.end(pixels, pixel, rowEnd);
    return end < rowEnd ? streamPosition(end) : (row + 1) * stride;
  }

  /** Where the zeros from {@code pixel} on stop, in the stream, rows and filter bytes included. */
  private int zeroRunEnd(int pixel) {
    if (pixels[pixel] != 0) {
      return streamPosition(pixel);
    }
    int end = PixelRuns.end(pixels, pixel, pixelCount);
    return end < pixelCount ? streamPosition(end) : streamLength;
  }

  /** Where the stream stops repeating itself one stride back, looking from {@code p}. */
  private int copyEnd(int p) {
    if (p < stride) {
      return p;
    }
    int row = p / stride;
    int column = p - row * stride;
    int pixel = row * width + Math.max(0, column - 1);
    // filter bytes always equal the one a stride back, so only pixels can end the match
    int i = Arrays.mismatch(pixels, pixel, pixelCount, pixels, pixel - width, pixelCount - width);
    return i < 0 ? streamLength : streamPosition(pixel + i);
  }

  private int byteAt(int p) {
    int row = p / stride;
    int column = p - row * stride;
    return column == 0 ? 0 : pixels[row * width + column - 1] & 0xff;
  }

  private int streamPosition(int pixel) {
    return pixel + pixel / width + 1;
  }
}
