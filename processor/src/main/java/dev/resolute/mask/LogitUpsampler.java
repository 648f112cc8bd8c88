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
    for (int y = 0; y < outHeight; y++) {
      int row0 = ys.low[y] * inWidth;
      int row1 = ys.high[y] * inWidth;
      float wy = ys.weight[y];
      for (int x = 0; x < outWidth; x++) {
        int x0 = xs.low[x];
        int x1 = xs.high[x];
        float wx = xs.weight[x];
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int c = 0, channel = base; c < classes; c++, channel += plane) {
          float a = logits[channel + row0 + x0];
          float top = a + wx * (logits[channel + row0 + x1] - a);
          float b = logits[channel + row1 + x0];
          float bottom = b + wx * (logits[channel + row1 + x1] - b);
          float value = top + wy * (bottom - top);
          if (value > bestValue) {
            bestValue = value;
            best = c;
          }
        }
        labels[y * outWidth + x] = (byte) best;
        counts[best]++;
      }
    }
    return new LabelMap(outWidth, outHeight, labels, counts);
  }
}
