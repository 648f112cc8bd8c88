package dev.resolute.model.isnet;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OrtRun;

/**
 * Proves a rewritten ISNet on real input before it is cached: equal to the shipped graph at the
 * size that graph was exported for, and running at a size the shipped graph refuses.
 */
final class RewriteVerifier {
  static final double TOLERANCE = 1e-4;

  private RewriteVerifier() {}

  /** Largest difference of the two graphs' {@code output} at the native size; fails above 1e-4. */
  static double sameAsShipped(ModelProto shipped, ModelProto rewritten, ImageSize size) {
    OrtRun.Tensor input = pattern(size);
    OrtRun.Tensor expected = OrtRun.run(shipped, IsnetModel.INPUT, input, IsnetModel.OUTPUT);
    OrtRun.Tensor actual = OrtRun.run(rewritten, IsnetModel.INPUT, input, IsnetModel.OUTPUT);
    double difference = expected.maxAbsDifference(actual);
    if (!(difference <= TOLERANCE)) {
      throw new ModelLoadException("model isnet: the rewritten graph differs from the shipped one by " + difference
          + " at " + size + " (tolerance " + TOLERANCE + "); not caching it", null);
    }
    return difference;
  }

  /** A difference for people: exact zero says more than 0.00. */
  static String describe(double difference) {
    return (difference == 0 ? "0 (bit-identical)" : String.format("%.3g", difference)) + " (tolerance " + TOLERANCE + ")";
  }

  /** Runs the rewritten graph at {@code size}; its output must be a probability map of that size. */
  static void runsAt(ModelProto rewritten, ImageSize size) {
    OrtRun.Tensor out = OrtRun.run(rewritten, IsnetModel.INPUT, pattern(size), IsnetModel.OUTPUT);
    long[] expected = {1, 1, size.height(), size.width()};
    if (!java.util.Arrays.equals(out.shape(), expected)) {
      throw new ModelLoadException("model isnet: at " + size + " the rewritten graph gives shape "
          + java.util.Arrays.toString(out.shape()) + ", expected " + java.util.Arrays.toString(expected), null);
    }
    for (float p : out.values()) {
      if (!(p >= 0 && p <= 1)) {
        throw new ModelLoadException("model isnet: at " + size + " the output has " + p + ", not a probability", null);
      }
    }
  }

  /**
   * A deterministic stand-in for a photo, already normalised as ISNet expects: a bright disc on a
   * diagonal gradient with a fine texture, so that both classes and real edges are present.
   */
  static OrtRun.Tensor pattern(ImageSize size) {
    int h = size.height();
    int w = size.width();
    float[] data = new float[3 * h * w];
    double cx = w * 0.55;
    double cy = h * 0.45;
    double r = Math.min(w, h) * 0.3;
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
          double pixel = disc ? 230 - 40 * c : 40 + 100.0 * (x + y) / (w + h) + 20 * c;
          pixel += 8 * Math.sin(x * 0.7 + c) * Math.cos(y * 0.3);
          data[(c * h + y) * w + x] = (float) ((pixel - 128) / 256);
        }
      }
    }
    return new OrtRun.Tensor(data, new long[] {1, 3, h, w});
  }
}
