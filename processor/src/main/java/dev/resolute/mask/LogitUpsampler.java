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
      case BICUBIC -> separable(logits, index, classes, AxisTaps.of(method, inHeight, outHeight),
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

  // any number of taps per axis: blend the source rows once per output row, then the columns per pixel
  private static LabelMap separable(float[] logits, int index, int classes, AxisTaps ys, AxisTaps xs, int inHeight, int inWidth) {
    int outHeight = ys.index().length / ys.taps();
    int outWidth = xs.index().length / xs.taps();
    int plane = inHeight * inWidth;
    int base = index * classes * plane;
    byte[] labels = new byte[outWidth * outHeight];
    long[] counts = new long[classes];
    float[] rows = new float[classes * inWidth];
    int ty = ys.taps();
    int tx = xs.taps();
    for (int y = 0; y < outHeight; y++) {
      for (int c = 0; c < classes; c++) {
        int channel = base + c * plane;
        int out = c * inWidth;
        for (int x = 0; x < inWidth; x++) {
          float sum = 0;
          for (int k = 0; k < ty; k++) {
            sum += ys.weight()[y * ty + k] * logits[channel + ys.index()[y * ty + k] * inWidth + x];
          }
          rows[out + x] = sum;
        }
      }
      int outRow = y * outWidth;
      for (int x = 0; x < outWidth; x++) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int c = 0, offset = 0; c < classes; c++, offset += inWidth) {
          float value = 0;
          for (int k = 0; k < tx; k++) {
            value += xs.weight()[x * tx + k] * rows[offset + xs.index()[x * tx + k]];
          }
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
