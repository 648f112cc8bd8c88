package dev.resolute.model.isnet;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OrtRun;
import java.util.Arrays;

/**
 * Proves a rewritten ISNet on a photo-like input before it is cached: the same as the shipped graph
 * at the size that graph was exported for, and running at a size the shipped graph refuses.
 */
final class RewriteVerifier {
  private RewriteVerifier() {}

  /**
   * How far the rewritten graph's {@code output} is from the shipped one's at {@code size}; fails
   * unless they agree as {@link ProbabilityAgreement} defines it. A Resize sized from the wrong
   * tensor gives its Concat mismatched sizes, or the output the wrong shape, and fails here before
   * any number is compared.
   */
  static ProbabilityAgreement.Measured sameAsShipped(ModelProto shipped, ModelProto rewritten, ImageSize size) {
    OrtRun.Tensor input = SyntheticPhoto.at(size);
    OrtRun.Tensor expected = OrtRun.run(shipped, IsnetModel.INPUT, input, IsnetModel.OUTPUT);
    OrtRun.Tensor actual;
    try {
      actual = OrtRun.run(rewritten, IsnetModel.INPUT, input, IsnetModel.OUTPUT);
    } catch (ModelLoadException e) {
      throw new ModelLoadException("model isnet: the rewritten graph does not run at " + size
          + " where the shipped one does: " + e.getMessage() + "; not caching it", e);
    }
    if (!Arrays.equals(expected.shape(), actual.shape())) {
      throw new ModelLoadException("model isnet: at " + size + " the rewritten graph gives shape "
          + Arrays.toString(actual.shape()) + " where the shipped one gives " + Arrays.toString(expected.shape())
          + "; not caching it", null);
    }
    ProbabilityAgreement.Measured measured = ProbabilityAgreement.measure(expected, actual);
    if (!measured.agrees()) {
      throw new ModelLoadException("model isnet: the rewritten graph differs from the shipped one at " + size + ": "
          + String.join("; and ", measured.violations()) + "; not caching it", null);
    }
    return measured;
  }

  /** Runs the rewritten graph at {@code size}; its output must be a probability map of that size. */
  static void runsAt(ModelProto rewritten, ImageSize size) {
    OrtRun.Tensor out = OrtRun.run(rewritten, IsnetModel.INPUT, SyntheticPhoto.at(size), IsnetModel.OUTPUT);
    long[] expected = {1, 1, size.height(), size.width()};
    if (!Arrays.equals(out.shape(), expected)) {
      throw new ModelLoadException("model isnet: at " + size + " the rewritten graph gives shape "
          + Arrays.toString(out.shape()) + ", expected " + Arrays.toString(expected), null);
    }
    for (float p : out.values()) {
      if (!(p >= 0 && p <= 1)) {
        throw new ModelLoadException("model isnet: at " + size + " the output has " + p + ", not a probability", null);
      }
    }
  }
}
