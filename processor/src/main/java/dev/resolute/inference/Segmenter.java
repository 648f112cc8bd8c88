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

  /** The scores alone, for callers that know the model keeps the input size. */
  default float[] logits(float[] input, int batch, int height, int width) {
    return infer(input, batch, height, width).values();
  }

  int classes();

  /** Inference engine, as reported in cost records (e.g. {@code OnnxRuntime}). */
  String engine();

  /** Device the engine runs on (e.g. {@code cpu}). */
  String device();

  @Override
  void close();
}
