package dev.resolute.mask;

import dev.resolute.inference.Bilinear;

/**
 * The bilinear upsample-and-argmax of {@link LogitUpsampler}, computed only where the label can
 * change. Bilinear weights are non-negative and sum to one, so where one class has the highest score
 * at all four source pixels around an output pixel, it has the highest interpolated score there too:
 * that pixel's label is known without interpolating. Only output pixels between source pixels of
 * different labels (the edges of regions) are interpolated, with the same arithmetic, in the same
 * order, as {@link LogitUpsampler}; the rest is a byte copy. The cost then falls with the inference
 * size instead of being fixed by the source size.
 *
 * <p>Labels can differ from {@link LogitUpsampler}'s only where two classes tie to within float
 * rounding at the four source pixels.
 */
public final class EdgeUpsampler {
  private EdgeUpsampler() {}

  /** As {@link LogitUpsampler#upsampleArgmax}. */
  public static LabelMap upsampleArgmax(float[] logits, int index, int classes, int inHeight, int inWidth, int outHeight, int outWidth) {
    Bilinear xs = Bilinear.axis(inWidth, outWidth);
    Bilinear ys = Bilinear.axis(inHeight, outHeight);
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] coarse = coarseArgmax(logits, base, classes, plane);
    if (inHeight == outHeight && inWidth == outWidth) {
      // every weight is 0: each output pixel is its source pixel, whose argmax is known
      return LabelMap.counted(outWidth, outHeight, coarse, classes);
    }
    byte[] labels = new byte[outWidth * outHeight];
    long[] counts = new long[classes];
    // per source column of the current row pair: the label all four corners share, or -1
    int[] uniform = new int[inWidth];
    int pairRow0 = -1;
    int pairRow1 = -1;
    for (int y = 0; y < outHeight; y++) {
      int row0 = ys.low[y] * inWidth;
      int row1 = ys.high[y] * inWidth;
      float wy = ys.weight[y];
      if (row0 != pairRow0 || row1 != pairRow1) {
        for (int x0 = 0; x0 < inWidth; x0++) {
          int x1 = Math.min(x0 + 1, inWidth - 1);
          byte c = coarse[row0 + x0];
          uniform[x0] = c == coarse[row0 + x1] && c == coarse[row1 + x0] && c == coarse[row1 + x1] ? c : -1;
        }
        pairRow0 = row0;
        pairRow1 = row1;
      }
      int outRow = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        int x0 = xs.low[x];
        int label = uniform[x0];
        if (label < 0) {
          label = interpolatedArgmax(logits, base, plane, classes, row0, row1, wy, x0, xs.high[x], xs.weight[x]);
        }
        labels[outRow + x] = (byte) label;
        counts[label]++;
      }
    }
    return new LabelMap(outWidth, outHeight, labels, counts);
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

  // LogitUpsampler's arithmetic for one pixel: blend the two rows at each column, then the columns
  private static int interpolatedArgmax(float[] logits, int base, int plane, int classes, int row0, int row1, float wy,
      int x0, int x1, float wx) {
    int best = 0;
    float bestValue = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      int channel = base + c * plane;
      float top0 = logits[channel + row0 + x0];
      float left = top0 + wy * (logits[channel + row1 + x0] - top0);
      float top1 = logits[channel + row0 + x1];
      float right = top1 + wy * (logits[channel + row1 + x1] - top1);
      float value = left + wx * (right - left);
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    return best;
  }
}
