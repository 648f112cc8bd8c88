package dev.resolute.mask;

import dev.resolute.inference.Bilinear;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bilinear upsample-and-argmax of {@link LogitUpsampler}, computed only where the label can
 * change. Bilinear weights are non-negative and sum to one, so where one class has the highest score
 * at all four source pixels around an output pixel, it has the highest interpolated score there too:
 * that pixel's label is known without interpolating. Only output pixels between source pixels of
 * different labels (the edges of regions) are interpolated, with the same arithmetic, in the same
 * order, as {@link LogitUpsampler}; the rest is a byte copy. The cost then falls with the inference
 * size instead of being fixed by the source size.
 *
 * <p>The known pixels are written in spans, not one by one: the output columns that sample source
 * column {@code x0} are contiguous (the taps are monotonic), so neighbouring source columns of one
 * known label make one span of output, filled at once and counted by its length. Every output row
 * between the same two source rows has the same spans, so such a row starts as a copy of the one
 * above and only its edge pixels, whose vertical weight differs, are interpolated again.
 *
 * <p>Labels can differ from {@link LogitUpsampler}'s only where two classes tie to within float
 * rounding at the four source pixels.
 */
public final class EdgeUpsampler {
  private EdgeUpsampler() {}

  /** As {@link LogitUpsampler#upsampleArgmax}. */
  public static LabelMap upsampleArgmax(float[] logits, int index, int classes, int inHeight, int inWidth, int outHeight, int outWidth) {
    SourceArgmax source = new SourceArgmax(logits, index, classes, inHeight, inWidth);
    if (inHeight == outHeight && inWidth == outWidth) {
      // every weight is 0: each output pixel is its source pixel, whose argmax is known
      source.rowsUpTo(inHeight - 1);
      return LabelMap.counted(outWidth, outHeight, source.labels, classes);
    }
    return new Rows(source, outHeight, outWidth).upsample();
  }

  /** One image's upsample, a band of output rows (those between the same two source rows) at a time. */
  private static final class Rows {
    // a byte[] read eight labels at a time, to pass over the inside of a region quickly
    private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final SourceArgmax source;
    private final byte[] coarse;
    private final int inWidth;
    private final int outWidth;
    private final int outHeight;
    private final Bilinear xs;
    private final Bilinear ys;
    /** Output columns [columnStart[x0], columnStart[x0 + 1]) sample source column x0 (and x0 + 1). */
    private final int[] columnStart;
    private final byte[] labels;
    private final long[] counts;
    // the current band's spans of known label, and its source columns whose output must be interpolated
    private final int[] spanStart;
    private final int[] spanEnd;
    private final byte[] spanLabel;
    private final int[] edgeColumn;
    private int spans;
    private int edges;
    // both source columns of an edge blended between the two rows, per class, as LogitUpsampler does
    private float[] left;
    private float[] right;

    Rows(SourceArgmax source, int outHeight, int outWidth) {
      this.source = source;
      this.coarse = source.labels;
      this.inWidth = source.width;
      this.outWidth = outWidth;
      this.outHeight = outHeight;
      this.xs = Bilinear.axis(inWidth, outWidth);
      this.ys = Bilinear.axis(source.height, outHeight);
      this.columnStart = columnStarts(xs.low, inWidth);
      this.labels = new byte[outWidth * outHeight];
      this.counts = new long[source.classes];
      this.spanStart = new int[inWidth];
      this.spanEnd = new int[inWidth];
      this.spanLabel = new byte[inWidth];
      this.edgeColumn = new int[inWidth];
      this.left = new float[source.classes];
      this.right = new float[source.classes];
    }

    LabelMap upsample() {
      int y = 0;
      while (y < outHeight) {
        int low = ys.low[y];
        int high = ys.high[y];
        int end = y + 1;
        while (end < outHeight && ys.low[end] == low && ys.high[end] == high) {
          end++;
        }
        source.rowsUpTo(high);
        band(y, end, low * inWidth, high * inWidth);
        y = end;
      }
      return new LabelMap(outWidth, outHeight, labels, counts);
    }

    // output rows [from, to) all sample source rows row0 and row1 (offsets into a plane)
    private void band(int from, int to, int row0, int row1) {
      findSpans(row0, row1);
      int rows = to - from;
      int outRow = from * outWidth;
      for (int s = 0; s < spans; s++) {
        Arrays.fill(labels, outRow + spanStart[s], outRow + spanEnd[s], spanLabel[s]);
        counts[spanLabel[s] & 0xff] += (long) (spanEnd[s] - spanStart[s]) * rows;
      }
      interpolateEdges(from, row0, row1);
      for (int y = from + 1; y < to; y++) {
        // the spans are the same; the edge pixels are overwritten with this row's interpolation
        System.arraycopy(labels, outRow, labels, y * outWidth, outWidth);
        interpolateEdges(y, row0, row1);
      }
    }

    private void findSpans(int row0, int row1) {
      spans = 0;
      edges = 0;
      int x0 = 0;
      while (x0 < inWidth) {
        int x1 = Math.min(x0 + 1, inWidth - 1);
        byte c = coarse[row0 + x0];
        if (c != coarse[row0 + x1] || c != coarse[row1 + x0] || c != coarse[row1 + x1]) {
          if (columnStart[x0] < columnStart[x0 + 1]) {
            edgeColumn[edges++] = x0;
          }
          x0++;
          continue;
        }
        int start = x0;
        x0 = knownUntil(x0 + 1, c, row0, row1);
        if (columnStart[start] < columnStart[x0]) {
          spanStart[spans] = columnStart[start];
          spanEnd[spans] = columnStart[x0];
          spanLabel[spans] = c;
          spans++;
        }
      }
    }

    // the first source column from x0 on whose four corners are not all c
    private int knownUntil(int x0, byte c, int row0, int row1) {
      // eight columns at a time, while there is a ninth to compare the eighth with: the inside of a region
      long all = (c & 0xffL) * 0x0101010101010101L;
      while (x0 + 8 < inWidth && (long) EIGHT.get(coarse, row0 + x0) == all && (long) EIGHT.get(coarse, row0 + x0 + 1) == all
          && (long) EIGHT.get(coarse, row1 + x0) == all && (long) EIGHT.get(coarse, row1 + x0 + 1) == all) {
        x0 += 8;
      }
      for (; x0 < inWidth; x0++) {
        int x1 = Math.min(x0 + 1, inWidth - 1);
        if (c != coarse[row0 + x0] || c != coarse[row0 + x1] || c != coarse[row1 + x0] || c != coarse[row1 + x1]) {
          break;
        }
      }
      return x0;
    }

    private void interpolateEdges(int y, int row0, int row1) {
      float wy = ys.weight[y];
      int outRow = y * outWidth;
      int blended = -1; // the source column whose blend is in right, if any
      for (int e = 0; e < edges; e++) {
        int x0 = edgeColumn[e];
        int x1 = Math.min(x0 + 1, inWidth - 1);
        if (x0 == blended) {
          // the previous edge's right column is this one's left: same blend, so reuse it
          float[] swap = left;
          left = right;
          right = swap;
        } else {
          blend(x0, row0, row1, wy, left);
        }
        blend(x1, row0, row1, wy, right);
        blended = x1;
        for (int x = columnStart[x0], end = columnStart[x0 + 1]; x < end; x++) {
          int label = argmax(xs.weight[x]);
          labels[outRow + x] = (byte) label;
          counts[label]++;
        }
      }
    }

    // source column x of both rows, blended by wy for every class, as LogitUpsampler's row pass does
    private void blend(int x, int row0, int row1, float wy, float[] into) {
      float[] logits = source.logits;
      for (int c = 0, channel = source.base; c < into.length; c++, channel += source.plane) {
        float top = logits[channel + row0 + x];
        into[c] = top + wy * (logits[channel + row1 + x] - top);
      }
    }

    // LogitUpsampler's horizontal blend of the two blended columns, first class winning ties
    private int argmax(float wx) {
      int best = 0;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < left.length; c++) {
        float value = left[c] + wx * (right[c] - left[c]);
        if (value > bestValue) {
          bestValue = value;
          best = c;
        }
      }
      return best;
    }

    // xs.low never decreases, so each source column's output columns are one range
    private static int[] columnStarts(int[] low, int inWidth) {
      int[] start = new int[inWidth + 1];
      int x = 0;
      for (int x0 = 0; x0 <= inWidth; x0++) {
        while (x < low.length && low[x] < x0) {
          x++;
        }
        start[x0] = x;
      }
      return start;
    }
  }
}
