package dev.resolute.mask;

import dev.resolute.inference.Logits;
import dev.resolute.model.UpsampleMethod;

/**
 * Pixels where labels under test differ from {@link LogitUpsampler}'s on the same scores, split by
 * whether the two classes involved tie in a double-precision upsample by the same method (to within
 * float rounding): a tie may go either way; any other difference is a mistake.
 */
public record TieCount(long ties, long beyondTies) {

  /**
   * @param labels the labels under test, every image of {@code logits}, {@code outH x outW} each
   * @param logits the scores both were computed from, at the size the model returned them
   */
  public static TieCount of(byte[] labels, Logits logits, int outH, int outW, UpsampleMethod method) {
    return of(labels, 0, logits.values(), logits.batch(), logits.classes(), logits.height(), logits.width(), outH, outW, method);
  }

  /**
   * @param labels the labels under test, {@code batch x outH x outW}
   * @param logits the scores both were computed from, NCHW at {@code inH x inW}, {@code batch} images
   */
  public static TieCount of(byte[] labels, float[] logits, int batch, int classes, int inH, int inW, int outH, int outW) {
    return of(labels, 0, logits, batch, classes, inH, inW, outH, outW, UpsampleMethod.BILINEAR);
  }

  /** Only image {@code index} of {@code logits}; {@code labels} are its alone. */
  public static TieCount ofImage(byte[] labels, float[] logits, int index, int classes, int inH, int inW, int outH, int outW) {
    return of(labels, index, logits, 1, classes, inH, inW, outH, outW, UpsampleMethod.BILINEAR);
  }

  private static TieCount of(byte[] labels, int first, float[] logits, int batch, int classes, int inH, int inW, int outH, int outW,
      UpsampleMethod method) {
    AxisTaps ys = AxisTaps.of(method, inH, outH);
    AxisTaps xs = AxisTaps.of(method, inW, outW);
    long ties = 0;
    long beyond = 0;
    int plane = outH * outW;
    for (int k = 0; k < batch; k++) {
      int n = first + k;
      byte[] java = LogitUpsampler.upsampleArgmax(logits, n, classes, inH, inW, outH, outW, method).labels();
      for (int i = 0; i < plane; i++) {
        int a = labels[k * plane + i];
        int b = java[i];
        if (a == b) {
          continue;
        }
        double va = method == UpsampleMethod.BILINEAR ? upsampled(logits, n, classes, a, inH, inW, outH, outW, i)
            : separable(logits, n, classes, a, inH, inW, ys, xs, outW, i);
        double vb = method == UpsampleMethod.BILINEAR ? upsampled(logits, n, classes, b, inH, inW, outH, outW, i)
            : separable(logits, n, classes, b, inH, inW, ys, xs, outW, i);
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

  // any method by its taps, summed in double
  private static double separable(float[] logits, int n, int classes, int c, int inH, int inW, AxisTaps ys, AxisTaps xs, int outW,
      int pixel) {
    int y = pixel / outW;
    int x = pixel % outW;
    int base = (n * classes + c) * inH * inW;
    double sum = 0;
    for (int ky = 0; ky < ys.taps(); ky++) {
      for (int kx = 0; kx < xs.taps(); kx++) {
        sum += (double) ys.weight()[y * ys.taps() + ky] * xs.weight()[x * xs.taps() + kx]
            * logits[base + ys.index()[y * ys.taps() + ky] * inW + xs.index()[x * xs.taps() + kx]];
      }
    }
    return sum;
  }
}
