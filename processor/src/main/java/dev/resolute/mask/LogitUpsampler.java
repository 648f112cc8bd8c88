package dev.resolute.mask;

import dev.resolute.inference.Bilinear;

/**
 * Upsamples one image's logits to the source size with bilinear interpolation (align_corners=false)
 * and takes the argmax in the same pass, so the full-size logit tensor is never materialised.
 */
public final class LogitUpsampler {
  private LogitUpsampler() {}

  /**
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
}
