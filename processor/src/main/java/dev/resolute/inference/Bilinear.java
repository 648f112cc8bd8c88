package dev.resolute.inference;

/**
 * Source taps and weights along one axis for bilinear resampling with half-pixel centres
 * (PyTorch's align_corners=false): output i samples source coordinate (i + 0.5) * in / out - 0.5,
 * clamped at the borders.
 */
public final class Bilinear {
  public final int[] low;
  public final int[] high;
  public final float[] weight;

  private Bilinear(int size) {
    low = new int[size];
    high = new int[size];
    weight = new float[size];
  }

  public static Bilinear axis(int inSize, int outSize) {
    Bilinear axis = new Bilinear(outSize);
    double ratio = (double) inSize / outSize;
    for (int i = 0; i < outSize; i++) {
      double src = Math.max(0, (i + 0.5) * ratio - 0.5);
      int lo = Math.min((int) src, inSize - 1);
      axis.low[i] = lo;
      axis.high[i] = Math.min(lo + 1, inSize - 1);
      axis.weight[i] = (float) (src - lo);
    }
    return axis;
  }
}
