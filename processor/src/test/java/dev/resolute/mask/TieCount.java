package dev.resolute.mask;

/**
 * Pixels where labels under test differ from {@link LogitUpsampler}'s on the same scores, split by
 * whether the two classes involved tie in a double-precision bilinear upsample (to within float
 * rounding): a tie may go either way; any other difference is a mistake.
 */
public record TieCount(long ties, long beyondTies) {

  /**
   * @param labels the labels under test, {@code batch x outH x outW}
   * @param logits the scores both were computed from, NCHW at {@code inH x inW}, {@code batch} images
   */
  public static TieCount of(byte[] labels, float[] logits, int batch, int classes, int inH, int inW, int outH, int outW) {
    return of(labels, 0, logits, batch, classes, inH, inW, outH, outW);
  }

  /** Only image {@code index} of {@code logits}; {@code labels} are its alone. */
  public static TieCount ofImage(byte[] labels, float[] logits, int index, int classes, int inH, int inW, int outH, int outW) {
    return of(labels, index, logits, 1, classes, inH, inW, outH, outW);
  }

  private static TieCount of(byte[] labels, int first, float[] logits, int batch, int classes, int inH, int inW, int outH, int outW) {
    long ties = 0;
    long beyond = 0;
    int plane = outH * outW;
    for (int k = 0; k < batch; k++) {
      int n = first + k;
      byte[] java = LogitUpsampler.upsampleArgmax(logits, n, classes, inH, inW, outH, outW).labels();
      for (int i = 0; i < plane; i++) {
        int a = labels[k * plane + i];
        int b = java[i];
        if (a == b) {
          continue;
        }
        double va = upsampled(logits, n, classes, a, inH, inW, outH, outW, i);
        double vb = upsampled(logits, n, classes, b, inH, inW, outH, outW, i);
        if (Math.abs(va - vb) <= 1e-5 * Math.max(1, Math.abs(va))) {
          ties++;
        } else {
          beyond++;
        }
      }
    }
    return new TieCount(ties, beyond);
  }

  private static double upsampled(float[] logits, int n, int classes, int c, int inH, int inW, int outH, int outW, int pixel) {
    int y = pixel / outW;
    int x = pixel % outW;
    double sy = Math.max(0, (y + 0.5) * inH / outH - 0.5);
    double sx = Math.max(0, (x + 0.5) * inW / outW - 0.5);
    int y0 = Math.min((int) sy, inH - 1);
    int x0 = Math.min((int) sx, inW - 1);
    int y1 = Math.min(y0 + 1, inH - 1);
    int x1 = Math.min(x0 + 1, inW - 1);
    double wy = sy - y0;
    double wx = sx - x0;
    int base = (n * classes + c) * inH * inW;
    return (1 - wy) * ((1 - wx) * logits[base + y0 * inW + x0] + wx * logits[base + y0 * inW + x1])
        + wy * ((1 - wx) * logits[base + y1 * inW + x0] + wx * logits[base + y1 * inW + x1]);
  }
}
