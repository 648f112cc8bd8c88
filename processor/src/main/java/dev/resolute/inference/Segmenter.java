package dev.resolute.inference;

/**
 * Runs a segmentation network on a batch of prepared inputs. Not thread-safe: one per processing
 * thread, closed by its owner.
 */
public interface Segmenter extends AutoCloseable {

  /**
   * @param input NCHW float32, {@code batch x 3 x height x width}, already normalised
   * @return per-class scores NCHW float32 whose argmax is the label: the model's logits, or {@code
   *     [1 - p, p]} for a probability model; at the input size or smaller (an output stride), with
   *     batch and class count checked
   */
  Logits infer(float[] input, int batch, int height, int width);

  /**
   * Whether {@link #labels} can run: the model took the upsample-and-argmax tail on its device.
   * Segmenters that only give logits say no.
   */
  default boolean labelsInGraph() {
    return false;
  }

  /**
   * Runs the network with the upsampling (the descriptor's method, from the size the network
   * returned) to {@code outHeight x outWidth} and the argmax appended (see {@link
   * dev.resolute.model.rewrite.LabelTail}), where the network runs.
   *
   * @param input as for {@link #infer}
   * @return one label per output pixel, {@code batch x outHeight x outWidth}
   */
  default byte[] labels(float[] input, int batch, int height, int width, int outHeight, int outWidth) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " gives logits only");
  }

  int classes();

  /** Inference engine, as reported in cost records (e.g. {@code OnnxRuntime}). */
  String engine();

  /** Device the engine runs on (e.g. {@code cpu}). */
  String device();

  @Override
  void close();
}
