package dev.resolute.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.resolute.model.rewrite.LabelTail;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.graph.GraphException;
import java.util.function.Supplier;
import dev.resolute.model.OutputKind;

/** A DJL predictor over one model; the NDArrays of each call live in the call's own manager. */
final class DjlSegmenter implements Segmenter {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DjlSegmenter.class);
  private final Predictor<Batch, Logits> predictor;
  private final Supplier<Model> labelModel;
  private final ModelDescriptor descriptor;
  private final String device;
  private final RunGate gate;
  /** Created on first use; null before, and after the tailed graph failed to load. */
  private Predictor<LabelBatch, byte[]> labelPredictor;
  private boolean labelsFailed;

  /** @param labelModel the graph with the upsample-and-argmax tail, loaded when first asked for */
  DjlSegmenter(Model model, Supplier<Model> labelModel, ModelDescriptor descriptor, String device, RunGate gate) {
    this.gate = gate;
    this.descriptor = descriptor;
    this.device = device;
    this.labelModel = labelModel;
    this.predictor = model.newPredictor(new LogitsTranslator(descriptor));
  }

  @Override
  public boolean labelsInGraph() {
    if (labelPredictor == null && !labelsFailed) {
      try {
        labelPredictor = labelModel.get().newPredictor(new LabelsTranslator(descriptor));
      } catch (ModelLoadException | GraphException e) {
        log.warn("{}; upsampling in Java", e.getMessage());
        labelsFailed = true;
      }
    }
    return labelPredictor != null;
  }

  @Override
  public byte[] labels(float[] input, int batch, int height, int width, int outHeight, int outWidth) {
    if (!labelsInGraph()) {
      throw new IllegalStateException("model " + descriptor.id() + " has no upsample-and-argmax graph on " + device);
    }
    gate.enter();
    try {
      return labelPredictor.predict(new LabelBatch(new Batch(input, batch, height, width), outHeight, outWidth));
    } catch (TranslateException e) {
      throw new IllegalStateException("inference with labels failed at " + width + "x" + height + " to " + outWidth + "x"
          + outHeight + " (batch " + batch + "): " + e.getMessage(), e);
    } finally {
      gate.exit();
    }
  }

  @Override
  public Logits infer(float[] input, int batch, int height, int width) {
    gate.enter();
    try {
      return predictor.predict(new Batch(input, batch, height, width));
    } catch (TranslateException e) {
      throw new IllegalStateException("inference failed at " + width + "x" + height + " (batch " + batch + "): " + e.getMessage(), e);
    } finally {
      gate.exit();
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
    if (labelPredictor != null) {
      labelPredictor.close();
    }
  }

  record Batch(float[] data, int size, int height, int width) {}

  /** NCHW float32, channels in the descriptor's colour order. */
  private static NDArray imageInput(TranslatorContext ctx, Batch batch, ModelDescriptor descriptor) {
    NDArray input = ctx.getNDManager().create(batch.data(), new Shape(batch.size(), 3, batch.height(), batch.width()));
    input.setName(descriptor.inputName());
    return input;
  }

  record LabelBatch(Batch input, int outHeight, int outWidth) {}

  /** The image batch and the output size in; uint8 labels out, copied once from the engine. */
  private record LabelsTranslator(ModelDescriptor descriptor) implements NoBatchifyTranslator<LabelBatch, byte[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, LabelBatch batch) {
      NDArray input = imageInput(ctx, batch.input(), descriptor);
      NDArray size = ctx.getNDManager().create(new long[] {batch.outHeight(), batch.outWidth()});
      size.setName(LabelTail.OUTPUT_SIZE);
      return new NDList(input, size);
    }

    @Override
    public byte[] processOutput(TranslatorContext ctx, NDList outputs) {
      return outputs.get(0).toByteArray();
    }
  }

  /** Float array in, float array out: the pixel maths stays in plain Java loops on our side. */
  private record LogitsTranslator(ModelDescriptor descriptor) implements NoBatchifyTranslator<Batch, Logits> {
    private static final String BATCH = "batch";

    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
      ctx.setAttachment(BATCH, batch);
      return new NDList(imageInput(ctx, batch, descriptor));
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
