package dev.resolute.inference;

/**
 * What one inference call returned: NCHW float32 scores with the shape the model actually gave,
 * which for a network with an output stride (RegSeg, DeepLab, SegFormer exported without their
 * last resize) is smaller than the input it was fed.
 *
 * @param values {@code batch x classes x height x width}, row-major
 */
public record Logits(float[] values, int batch, int classes, int height, int width) {
  public Logits {
    if ((long) batch * classes * height * width != values.length) {
      throw new IllegalArgumentException("logits of " + values.length + " values cannot be " + batch + "x" + classes + "x"
          + height + "x" + width);
    }
  }
}
