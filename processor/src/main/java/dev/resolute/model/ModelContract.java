package dev.resolute.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Optional;

/**
 * Checks at load time that a descriptor and its graph agree, so that a wrong {@code model.json}
 * fails with a sentence naming the model rather than with a shape error deep in a stream task.
 */
public final class ModelContract {
  private ModelContract() {}

  /** Throws {@link ModelLoadException} on the first disagreement; dims the graph leaves open pass. */
  public static void check(ModelDescriptor descriptor, GraphProto graph) {
    String id = descriptor.id();
    Optional<ValueInfoProto> input = graph.getInputList().stream()
        .filter(v -> v.getName().equals(descriptor.inputName())).findFirst();
    Optional<ValueInfoProto> output = graph.getOutputList().stream()
        .filter(v -> v.getName().equals(descriptor.outputName())).findFirst();
    if (input.isEmpty() || output.isEmpty()) {
      throw new ModelLoadException("model " + id + ": descriptor names input '" + descriptor.inputName()
          + "' and output '" + descriptor.outputName() + "', the graph has inputs "
          + graph.getInputList().stream().map(ValueInfoProto::getName).toList() + " and outputs "
          + graph.getOutputList().stream().map(ValueInfoProto::getName).toList(), null);
    }
    TensorShapeProto in = input.get().getType().getTensorType().getShape();
    if (in.getDimCount() > 0 && in.getDimCount() != 4) {
      throw new ModelLoadException("model " + id + ": input '" + descriptor.inputName() + "' has rank " + in.getDimCount()
          + ", the processor feeds NCHW (rank 4)", null);
    }
    if (in.getDimCount() == 4 && in.getDim(1).hasDimValue() && in.getDim(1).getDimValue() != 3) {
      throw new ModelLoadException("model " + id + ": input '" + descriptor.inputName() + "' has " + in.getDim(1).getDimValue()
          + " channels, the processor feeds 3 (" + descriptor.colourOrder() + ")", null);
    }
    TensorShapeProto out = output.get().getType().getTensorType().getShape();
    checkSizes(descriptor, in, out);
    if (out.getDimCount() > 0 && out.getDimCount() != 4) {
      throw new ModelLoadException("model " + id + ": output '" + descriptor.outputName() + "' has rank " + out.getDimCount()
          + ", expected NCHW (rank 4)", null);
    }
    if (out.getDimCount() == 4 && out.getDim(1).hasDimValue()) {
      long channels = out.getDim(1).getDimValue();
      if (channels != descriptor.outputChannels()) {
        throw new ModelLoadException(switch (descriptor.outputKind()) {
          case LOGITS -> "model " + id + ": descriptor lists " + descriptor.classNames().size() + " classes, output has "
              + channels + " channels";
          case PROBABILITY -> "model " + id + ": outputKind PROBABILITY needs a 1-channel output, output '"
              + descriptor.outputName() + "' has " + channels + " channels";
        }, null);
      }
    }
  }

  /**
   * The ladder scales the inference size with each level and each source, so a graph that fixes
   * its input height or width can serve none of it; an output fixed while the input moves would
   * be wrong at every size but one. The output may be smaller (an output stride): only its real
   * size at run time counts.
   */
  private static void checkSizes(ModelDescriptor descriptor, TensorShapeProto in, TensorShapeProto out) {
    String id = descriptor.id();
    if (in.getDimCount() == 4 && (in.getDim(2).hasDimValue() || in.getDim(3).hasDimValue())) {
      throw new ModelLoadException("model " + id + ": input '" + descriptor.inputName() + "' is fixed at " + size(in)
          + " (height x width), but the ladder " + descriptor.ladder() + " changes the inference size with the level and the "
          + "source size; export it with dynamic height and width", null);
    }
    if (out.getDimCount() == 4 && (out.getDim(2).hasDimValue() || out.getDim(3).hasDimValue())) {
      throw new ModelLoadException("model " + id + ": output '" + descriptor.outputName() + "' is fixed at " + size(out)
          + " (height x width) while the input size changes with the ladder; export it with dynamic height and width", null);
    }
    if (in.getDimCount() == 4 && out.getDimCount() == 4 && in.getDim(0).hasDimValue() && out.getDim(0).hasDimValue()
        && in.getDim(0).getDimValue() != out.getDim(0).getDimValue()) {
      throw new ModelLoadException("model " + id + ": input batch is fixed at " + in.getDim(0).getDimValue()
          + ", output batch at " + out.getDim(0).getDimValue() + "; one mask per frame needs them equal", null);
    }
  }

  private static String size(TensorShapeProto shape) {
    return dim(shape.getDim(2)) + "x" + dim(shape.getDim(3));
  }

  private static String dim(TensorShapeProto.Dimension d) {
    return d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?";
  }
}
