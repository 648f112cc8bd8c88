package dev.resolute.model;

/** How to read a segmentation model's output tensor. */
public enum OutputKind {
  /** NCHW scores, one channel per class name; the label of a pixel is the argmax. */
  LOGITS,
  /**
   * N1HW foreground probability in 0..1 for a two-class (background, foreground) model, as
   * salient-object networks such as ISNet produce after their final sigmoid.
   */
  PROBABILITY
}
