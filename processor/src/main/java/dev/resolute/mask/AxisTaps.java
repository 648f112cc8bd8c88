package dev.resolute.mask;

import dev.resolute.inference.Bilinear;
import dev.resolute.model.UpsampleMethod;

/**
 * Source taps and weights along one axis for any of the {@link UpsampleMethod}s, with half-pixel
 * centres: output i samples source coordinate {@code (i + 0.5) * in / out - 0.5}. Out-of-range taps
 * are clamped to the border, as PyTorch does.
 *
 * @param taps taps per output sample
 * @param index {@code out x taps} source indices
 * @param weight {@code out x taps} weights, summing to 1 per output sample
 */
record AxisTaps(int taps, int[] index, float[] weight) {
  /** PyTorch's bicubic constant; OpenCV's and ONNX Runtime's default too. */
  private static final double CUBIC_A = -0.75;

  static AxisTaps of(UpsampleMethod method, int in, int out) {
    return switch (method) {
      case BILINEAR -> bilinear(in, out);
      case BICUBIC -> bicubic(in, out);
      case NEAREST -> nearest(in, out);
    };
  }

  private static AxisTaps bilinear(int in, int out) {
    Bilinear axis = Bilinear.axis(in, out);
    int[] index = new int[2 * out];
    float[] weight = new float[2 * out];
    for (int i = 0; i < out; i++) {
      index[2 * i] = axis.low[i];
      index[2 * i + 1] = axis.high[i];
      weight[2 * i] = 1 - axis.weight[i];
      weight[2 * i + 1] = axis.weight[i];
    }
    return new AxisTaps(2, index, weight);
  }

  // the source pixel whose cell holds the output centre: PyTorch's nearest-exact, and ONNX's
  // half_pixel nearest with round_prefer_ceil (the graph tail's; its default rounds exact ties down)
  private static AxisTaps nearest(int in, int out) {
    int[] index = new int[out];
    float[] weight = new float[out];
    double ratio = (double) in / out;
    for (int i = 0; i < out; i++) {
      index[i] = Math.min((int) Math.floor((i + 0.5) * ratio), in - 1);
      weight[i] = 1;
    }
    return new AxisTaps(1, index, weight);
  }

  // Keys' cubic convolution over four taps; unlike bilinear the source coordinate is not clamped at
  // 0 first, only the taps are (PyTorch's upsample_bicubic2d)
  private static AxisTaps bicubic(int in, int out) {
    int[] index = new int[4 * out];
    float[] weight = new float[4 * out];
    double ratio = (double) in / out;
    for (int i = 0; i < out; i++) {
      double src = (i + 0.5) * ratio - 0.5;
      int floor = (int) Math.floor(src);
      double t = src - floor;
      double[] w = {far(t + 1), near(t), near(1 - t), far(2 - t)};
      for (int k = 0; k < 4; k++) {
        index[4 * i + k] = Math.max(0, Math.min(in - 1, floor - 1 + k));
        weight[4 * i + k] = (float) w[k];
      }
    }
    return new AxisTaps(4, index, weight);
  }

  private static double near(double x) {
    return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
  }

  private static double far(double x) {
    return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
  }
}
