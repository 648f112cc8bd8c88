package dev.resolute.model.rewrite;

import dev.resolute.model.ModelLoadException;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Declares a graph's batch, height and width symbolic, once its operators no longer depend on the
 * size it was exported at. The recorded intermediate shapes go too: they hold the export size, and
 * a runtime that trusts them would reject every other size.
 */
public final class DynamicImageSize {
  public static final String BATCH = "batch";
  public static final String HEIGHT = "height";
  public static final String WIDTH = "width";

  private DynamicImageSize() {}

  /**
   * The first non-initializer input becomes {@code [batch, C, height, width]}; each 4-D output gets
   * {@code batch} and, where it was the input's size, {@code height} and {@code width} (other sizes
   * become unknown).
   */
  public static ModelProto apply(ModelProto model) {
    GraphProto graph = model.getGraph();
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    GraphProto.Builder out = graph.toBuilder().clearValueInfo();
    long height = -1;
    long width = -1;
    for (int i = 0; i < out.getInputCount(); i++) {
      ValueInfoProto input = out.getInput(i);
      if (initializers.contains(input.getName())) {
        continue;
      }
      TensorShapeProto shape = input.getType().getTensorType().getShape();
      if (shape.getDimCount() != 4) {
        throw new ModelLoadException("graph input '" + input.getName() + "' has rank " + shape.getDimCount() + ", expected NCHW", null);
      }
      height = shape.getDim(2).getDimValue();
      width = shape.getDim(3).getDimValue();
      out.setInput(i, withDims(input, -1, -1));
      break;
    }
    for (int i = 0; i < out.getOutputCount(); i++) {
      ValueInfoProto output = out.getOutput(i);
      if (output.getType().getTensorType().getShape().getDimCount() == 4) {
        out.setOutput(i, withDims(output, height, width));
      }
    }
    return model.toBuilder().setGraph(out).build();
  }

  /**
   * Renames dims 0, 2, 3 (dim 1, the channels, stays); a spatial dim is named only if it had the
   * input's size ({@code matchHeight}/{@code matchWidth}, -1 to name it always).
   */
  private static ValueInfoProto withDims(ValueInfoProto info, long matchHeight, long matchWidth) {
    TensorShapeProto shape = info.getType().getTensorType().getShape();
    TensorShapeProto.Builder dims = shape.toBuilder();
    dims.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
    dims.setDim(2, spatial(shape.getDim(2), HEIGHT, matchHeight));
    dims.setDim(3, spatial(shape.getDim(3), WIDTH, matchWidth));
    ValueInfoProto.Builder b = info.toBuilder();
    b.getTypeBuilder().getTensorTypeBuilder().setShape(dims);
    return b.build();
  }

  private static TensorShapeProto.Dimension spatial(TensorShapeProto.Dimension dim, String name, long match) {
    if (match < 0 || dim.hasDimValue() && dim.getDimValue() == match) {
      return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
    }
    return TensorShapeProto.Dimension.getDefaultInstance();
  }
}
