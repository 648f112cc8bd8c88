package dev.resolute.mask;

import dev.resolute.inference.Bilinear;
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
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] coarse = coarseArgmax(logits, base, classes, plane);
    if (inHeight == outHeight && inWidth == outWidth) {
      // every weight is 0: each output pixel is its source pixel, whose argmax is known
      return LabelMap.counted(outWidth, outHeight, coarse, classes);
    }
    return new Rows(logits, base, classes, inHeight, inWidth, outHeight, outWidth, coarse).upsample();
  }

  /** The argmax at every source pixel, first class winning ties as in the interpolated argmax. */
  private static byte[] coarseArgmax(float[] logits, int base, int classes, int plane) {
    byte[] coarse = new byte[plane];
    float[] best = new float[plane];
    System.arraycopy(logits, base, best, 0, plane);
    for (int c = 1; c < classes; c++) {
      int channel = base + c * plane;
      for (int i = 0; i < plane; i++) {
        float v = logits[channel + i];
        if (v > best[i]) {
          best[i] = v;
          coarse[i] = (byte) c;
        }
      }
    }
    return coarse;
  }

  /** One image's upsample, a band of output rows (those between the same two source rows) at a time. */
  private static final class Rows {
    private final float[] logits;
    private final int base;
    private final int plane;
    private final int classes;
    private final int inWidth;
    private final int outWidth;
    private final int outHeight;
    private final byte[] coarse;
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
    private final float[] left;
    private final float[] right;

    Rows(float[] logits, int base, int classes, int inHeight, int inWidth, int outHeight, int outWidth, byte[] coarse) {
      this.logits = logits;
      this.base = base;
      this.plane = inHeight * inWidth;
      this.classes = classes;
      this.inWidth = inWidth;
      this.outWidth = outWidth;
      this.outHeight = outHeight;
      this.coarse = coarse;
      this.xs = Bilinear.axis(inWidth, outWidth);
      this.ys = Bilinear.axis(inHeight, outHeight);
      this.columnStart = columnStarts(xs.low, inWidth);
      this.labels = new byte[outWidth * outHeight];
      this.counts = new long[classes];
      this.spanStart = new int[inWidth];
      this.spanEnd = new int[inWidth];
      this.spanLabel = new byte[inWidth];
      this.edgeColumn = new int[inWidth];
      this.left = new float[classes];
      this.right = new float[classes];
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
        counts[spanLabel[s]] += (long) (spanEnd[s] - spanStart[s]) * rows;
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
      for (int x0 = 0; x0 < inWidth; x0++) {
        int start = columnStart[x0];
        int end = columnStart[x0 + 1];
        if (start == end) {
          continue; // no output column samples it (output narrower than input)
        }
        int x1 = Math.min(x0 + 1, inWidth - 1);
        byte c = coarse[row0 + x0];
        if (c != coarse[row0 + x1] || c != coarse[row1 + x0] || c != coarse[row1 + x1]) {
          edgeColumn[edges++] = x0;
        } else if (spans > 0 && spanLabel[spans - 1] == c && spanEnd[spans - 1] == start) {
          spanEnd[spans - 1] = end;
        } else {
          spanStart[spans] = start;
          spanEnd[spans] = end;
          spanLabel[spans] = c;
          spans++;
        }
      }
    }

    private void interpolateEdges(int y, int row0, int row1) {
      float wy = ys.weight[y];
      int outRow = y * outWidth;
      for (int e = 0; e < edges; e++) {
        int x0 = edgeColumn[e];
        int x1 = Math.min(x0 + 1, inWidth - 1);
        for (int c = 0; c < classes; c++) {
          int channel = base + c * plane;
          float top0 = logits[channel + row0 + x0];
          left[c] = top0 + wy * (logits[channel + row1 + x0] - top0);
          float top1 = logits[channel + row0 + x1];
          right[c] = top1 + wy * (logits[channel + row1 + x1] - top1);
        }
        for (int x = columnStart[x0], end = columnStart[x0 + 1]; x < end; x++) {
          int label = argmax(xs.weight[x]);
          labels[outRow + x] = (byte) label;
          counts[label]++;
        }
      }
    }

    // LogitUpsampler's horizontal blend of the two blended columns, first class winning ties
    private int argmax(float wx) {
      int best = 0;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
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
