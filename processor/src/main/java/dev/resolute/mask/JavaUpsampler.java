package dev.resolute.mask;

import dev.resolute.inference.Logits;
import dev.resolute.model.UpsampleMethod;

/**
 * The fastest exact Java upsample-and-argmax for each {@link UpsampleMethod}, from the size the
 * model returned. Bilinear takes {@link EdgeUpsampler}'s shortcut (interpolating only at label
 * edges), which is exact because its weights are convex; nearest is already an argmax at the
 * model's size followed by a copy. Bicubic's negative lobes can change the argmax inside a region
 * of one label, so it always runs {@link LogitUpsampler}'s full separable pass.
 */
public final class JavaUpsampler {
  private JavaUpsampler() {}

  /** One image of a batch, to {@code outHeight x outWidth}. */
  public static LabelMap upsampleArgmax(Logits logits, int index, int outHeight, int outWidth, UpsampleMethod method) {
    return method == UpsampleMethod.BILINEAR
        ? EdgeUpsampler.upsampleArgmax(logits.values(), index, logits.classes(), logits.height(), logits.width(), outHeight, outWidth)
        : LogitUpsampler.upsampleArgmax(logits, index, outHeight, outWidth, method);
  }
}
