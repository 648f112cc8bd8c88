package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A graph input or output as a person reads it: name, element type and dims, where a dim is a
 * number, a symbolic name or {@code ?}.
 */
public record TensorSignature(String name, String elementType, List<String> dims) {
  public TensorSignature {
    dims = List.copyOf(dims);
  }

  /** The image inputs (initializers that older exporters also list as inputs are left out). */
  public static List<TensorSignature> inputs(GraphProto graph) {
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    return graph.getInputList().stream().filter(v -> !initializers.contains(v.getName())).map(TensorSignature::of).toList();
  }

  public static List<TensorSignature> outputs(GraphProto graph) {
    return graph.getOutputList().stream().map(TensorSignature::of).toList();
  }

  /** The dims not fixed in the graph, by name ({@code ?} with its position where unnamed). */
  public List<String> dynamicDims() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      String d = dims.get(i);
      if (!d.chars().allMatch(Character::isDigit)) {
        out.add(d.equals("?") ? "?(dim " + i + ")" : d);
      }
    }
    return out;
  }

  /** The batch size the graph fixes (its first dim), or 0 when the batch dim is dynamic. */
  public int fixedBatch() {
    return !dims.isEmpty() && dims.get(0).chars().allMatch(Character::isDigit) && !dims.get(0).isEmpty()
        ? Integer.parseInt(dims.get(0)) : 0;
  }

  @Override
  public String toString() {
    return name + " " + elementType + " [" + String.join(", ", dims) + "]";
  }

  private static TensorSignature of(ValueInfoProto info) {
    TensorShapeProto shape = info.getType().getTensorType().getShape();
    List<String> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension d : shape.getDimList()) {
      dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?");
    }
    return new TensorSignature(info.getName(), elementType(info.getType().getTensorType().getElemType()), dims);
  }

  private static String elementType(int type) {
    TensorProto.DataType t = TensorProto.DataType.forNumber(type);
    if (t == null) {
      return "type" + type;
    }
    return switch (t) {
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
