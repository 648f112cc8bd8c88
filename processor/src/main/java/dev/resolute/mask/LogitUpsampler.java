package dev.resolute.mask;

import dev.resolute.inference.Bilinear;
import dev.resolute.inference.Logits;
import dev.resolute.model.UpsampleMethod;

/**
 * Upsamples one image's logits to the source size (bilinear, align_corners=false, unless told
 * otherwise) and takes the argmax in the same pass, so the full-size logit tensor is never
 * materialised. The logits may be any size: a model with an output stride goes from its 1/4 or
 * 1/8 output straight to the source size in this one resize.
 */
public final class LogitUpsampler {
  private LogitUpsampler() {}

  /** One image of a batch, from the size the model returned to {@code outHeight x outWidth}. */
  public static LabelMap upsampleArgmax(Logits logits, int index, int outHeight, int outWidth, UpsampleMethod method) {
    return upsampleArgmax(logits.values(), index, logits.classes(), logits.height(), logits.width(), outHeight, outWidth, method);
  }

  /**
   * @param logits NCHW float32 batch
   * @param index which image of the batch
   */
  public static LabelMap upsampleArgmax(float[] logits, int index, int classes, int inHeight, int inWidth, int outHeight,
      int outWidth, UpsampleMethod method) {
    return switch (method) {
      case BILINEAR -> upsampleArgmax(logits, index, classes, inHeight, inWidth, outHeight, outWidth);
      case NEAREST -> nearest(logits, index, classes, inHeight, inWidth, AxisTaps.of(method, inHeight, outHeight),
          AxisTaps.of(method, inWidth, outWidth));
      case BICUBIC -> bicubic(logits, index, classes, AxisTaps.of(method, inHeight, outHeight),
          AxisTaps.of(method, inWidth, outWidth), inHeight, inWidth);
    };
  }

  // picking a source pixel commutes with the argmax: take it once per source pixel, then copy labels
  private static LabelMap nearest(float[] logits, int index, int classes, int inHeight, int inWidth, AxisTaps ys, AxisTaps xs) {
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] small = new byte[plane];
    for (int i = 0; i < plane; i++) {
      int best = 0;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        float value = logits[base + c * plane + i];
        if (value > bestValue) {
          bestValue = value;
          best = c;
        }
      }
      small[i] = (byte) best;
    }
    int outHeight = ys.index().length;
    int outWidth = xs.index().length;
    byte[] labels = new byte[outWidth * outHeight];
    long[] counts = new long[classes];
    for (int y = 0; y < outHeight; y++) {
      int row = ys.index()[y] * inWidth;
      int outRow = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        byte label = small[row + xs.index()[x]];
        labels[outRow + x] = label;
        counts[label]++;
      }
    }
    return new LabelMap(outWidth, outHeight, labels, counts);
  }

  /**
   * Bilinear, in the two-tap form that the hot path keeps.
   *
   * @param logits NCHW float32 batch
   * @param index which image of the batch
   */
  public static LabelMap upsampleArgmax(float[] logits, int index, int classes, int inHeight, int inWidth, int outHeight, int outWidth) {
    Bilinear xs = Bilinear.axis(inWidth, outWidth);
    Bilinear ys = Bilinear.axis(inHeight, outHeight);
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] labels = new byte[outWidth * outHeight];
    long[] counts = new long[classes];
    // bilinear is separable: blend the two source rows once per output row (classes x inWidth),
    // then each output pixel needs two taps per class instead of four
    float[] rows = new float[classes * inWidth];
    for (int y = 0; y < outHeight; y++) {
      int row0 = ys.low[y] * inWidth;
      int row1 = ys.high[y] * inWidth;
      float wy = ys.weight[y];
      for (int c = 0; c < classes; c++) {
        int channel = base + c * plane;
        int out = c * inWidth;
        for (int x = 0; x < inWidth; x++) {
          float a = logits[channel + row0 + x];
          rows[out + x] = a + wy * (logits[channel + row1 + x] - a);
        }
      }
      int outRow = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        int x0 = xs.low[x];
        int x1 = xs.high[x];
        float wx = xs.weight[x];
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int c = 0, offset = 0; c < classes; c++, offset += inWidth) {
          float a = rows[offset + x0];
          float value = a + wx * (rows[offset + x1] - a);
          if (value > bestValue) {
            bestValue = value;
            best = c;
          }
        }
        labels[outRow + x] = (byte) best;
        counts[best]++;
      }
    }
    return new LabelMap(outWidth, outHeight, labels, counts);
  }

  // four taps per axis, unrolled: blend four source rows once per output row, then four columns per pixel
  private static LabelMap bicubic(float[] logits, int index, int classes, AxisTaps ys, AxisTaps xs, int inHeight, int inWidth) {
    int outHeight = ys.index().length / 4;
    int outWidth = xs.index().length / 4;
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] labels = new byte[outWidth * outHeight];
    long[] counts = new long[classes];
    float[] rows = new float[classes * inWidth];
    int[] xi = xs.index();
    float[] xw = xs.weight();
    for (int y = 0; y < outHeight; y++) {
      int r0 = ys.index()[4 * y] * inWidth;
      int r1 = ys.index()[4 * y + 1] * inWidth;
      int r2 = ys.index()[4 * y + 2] * inWidth;
      int r3 = ys.index()[4 * y + 3] * inWidth;
      float w0 = ys.weight()[4 * y];
      float w1 = ys.weight()[4 * y + 1];
      float w2 = ys.weight()[4 * y + 2];
      float w3 = ys.weight()[4 * y + 3];
      for (int c = 0; c < classes; c++) {
        int channel = base + c * plane;
        int out = c * inWidth;
        for (int x = 0; x < inWidth; x++) {
          int at = channel + x;
          rows[out + x] = w0 * logits[at + r0] + w1 * logits[at + r1] + w2 * logits[at + r2] + w3 * logits[at + r3];
        }
      }
      int outRow = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        int t = 4 * x;
        int c0 = xi[t];
        int c1 = xi[t + 1];
        int c2 = xi[t + 2];
        int c3 = xi[t + 3];
        float v0 = xw[t];
        float v1 = xw[t + 1];
        float v2 = xw[t + 2];
        float v3 = xw[t + 3];
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int c = 0, offset = 0; c < classes; c++, offset += inWidth) {
          float value = v0 * rows[offset + c0] + v1 * rows[offset + c1] + v2 * rows[offset + c2] + v3 * rows[offset + c3];
          if (value > bestValue) {
            bestValue = value;
            best = c;
          }
        }
        labels[outRow + x] = (byte) best;
        counts[best]++;
      }
    }
    return new LabelMap(outWidth, outHeight, labels, counts);
  }
}
