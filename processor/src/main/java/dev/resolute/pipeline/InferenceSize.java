package dev.resolute.pipeline;

import dev.resolute.model.ModelDescriptor;

/** The input size a ladder level gives for one source size, rounded to the model's size multiple. */
public record InferenceSize(int level, int width, int height) {

  public static InferenceSize of(ModelDescriptor descriptor, int level, int sourceWidth, int sourceHeight) {
    if (level < 0 || level >= descriptor.ladder().size()) {
      throw new IllegalArgumentException("model " + descriptor.id() + " has levels 0.." + (descriptor.ladder().size() - 1) + ", got " + level);
    }
    double fraction = descriptor.ladder().get(level);
    int multiple = descriptor.sizeMultiple();
    return new InferenceSize(level, round(sourceWidth * fraction, multiple), round(sourceHeight * fraction, multiple));
  }

  /** A side length rounded to the nearest multiple, never below one multiple. */
  public static int round(double size, int multiple) {
    return (int) Math.max(multiple, Math.round(size / multiple) * multiple);
  }
}
