package dev.resolute.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OutputKind;

/** A DJL predictor over one model; the NDArrays of each call live in the call's own manager. */
final class DjlSegmenter implements Segmenter {
  private final Predictor<Batch, Logits> predictor;
  private final ModelDescriptor descriptor;
  private final String device;

  DjlSegmenter(Model model, ModelDescriptor descriptor, String device) {
    this.descriptor = descriptor;
    this.device = device;
    this.predictor = model.newPredictor(new LogitsTranslator(descriptor));
  }

  @Override
  public Logits infer(float[] input, int batch, int height, int width) {
    try {
      return predictor.predict(new Batch(input, batch, height, width));
    } catch (TranslateException e) {
      throw new IllegalStateException("inference failed at " + width + "x" + height + " (batch " + batch + "): " + e.getMessage(), e);
    }
  }

  @Override
  public int classes() {
    return descriptor.classNames().size();
  }

  @Override
  public String engine() {
    return OnnxModel.ENGINE;
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public void close() {
    predictor.close();
  }

  record Batch(float[] data, int size, int height, int width) {}

  /** Float array in, float array out: the pixel maths stays in plain Java loops on our side. */
  private static final class LogitsTranslator implements NoBatchifyTranslator<Batch, Logits> {
    private static final String BATCH = "batch";
    private final ModelDescriptor descriptor;

    LogitsTranslator(ModelDescriptor descriptor) {
      this.descriptor = descriptor;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
      // NCHW float32, channels in the descriptor's colour order
      ctx.setAttachment(BATCH, batch);
      NDArray input = ctx.getNDManager().create(batch.data(), new Shape(batch.size(), 3, batch.height(), batch.width()));
      input.setName(descriptor.inputName());
      return new NDList(input);
    }

    @Override
    public Logits processOutput(TranslatorContext ctx, NDList outputs) {
      NDArray out = outputs.size() == 1 ? outputs.get(0) : outputs.get(descriptor.outputName());
      Batch batch = (Batch) ctx.getAttachment(BATCH);
      Shape shape = out.getShape();
      if (shape.dimension() != 4) {
        throw new IllegalStateException("model " + descriptor.id() + ": output '" + descriptor.outputName() + "' has shape "
            + shape + ", expected NCHW (rank 4)");
      }
      long channels = shape.get(1);
      if (channels != descriptor.outputChannels()) {
        throw new IllegalStateException(descriptor.outputKind() == OutputKind.PROBABILITY
            ? "model " + descriptor.id() + ": outputKind PROBABILITY needs a 1-channel output, output has " + channels + " channels"
            : "model " + descriptor.id() + ": descriptor lists " + descriptor.classNames().size() + " classes, output has "
                + channels + " channels");
      }
      if (shape.get(0) != batch.size()) {
        throw new IllegalStateException("model " + descriptor.id() + ": fed a batch of " + batch.size() + ", output has "
            + shape.get(0) + " (shape " + shape + ")");
      }
      // the real output size: a network with an output stride returns less than it was fed
      int height = (int) shape.get(2);
      int width = (int) shape.get(3);
      float[] values = out.toFloatArray();
      return descriptor.outputKind() == OutputKind.PROBABILITY
          ? new Logits(ProbabilityPlanes.expand(values, batch.size(), height * width), batch.size(), 2, height, width)
          : new Logits(values, batch.size(), (int) channels, height, width);
    }
  }
}
