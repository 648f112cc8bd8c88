package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.OutputKind;

/** Small ONNX graphs for tests, written with the protobuf builders. */
public final class TestGraphs {
  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");

  public static TestGraphs graph() {
    return new TestGraphs();
  }

  /** A float32 input; a dim of -1 is symbolic. */
  public TestGraphs input(String name, long... dims) {
    graph.addInput(value(name, dims));
    return this;
  }

  public TestGraphs output(String name, long... dims) {
    graph.addOutput(value(name, dims));
    return this;
  }

  /** A recorded intermediate shape, as exporters write into value_info. */
  public TestGraphs shapeOf(String name, long... dims) {
    graph.addValueInfo(value(name, dims));
    return this;
  }

  /** A float32 weight with deterministic values in [-0.5, 0.5). */
  public TestGraphs weight(String name, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    long count = 1;
    for (long d : dims) {
      t.addDims(d);
      count *= d;
    }
    for (long i = 0; i < count; i++) {
      t.addFloatData((float) (((i * 37 + 11) % 100) / 100.0 - 0.5));
    }
    graph.addInitializer(t);
    return this;
  }

  /** A float32 tensor with the given values, row-major. */
  public TestGraphs tensor(String name, long[] dims, float... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    graph.addInitializer(t);
    return this;
  }

  public TestGraphs int64s(String name, long... values) {
    graph.addInitializer(TensorValues.int64s(name, values));
    return this;
  }

  public TestGraphs floats(String name, float... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(values.length);
    for (float v : values) {
      t.addFloatData(v);
    }
    graph.addInitializer(t);
    return this;
  }

  /** A {@code Constant} node holding int64 values, as PyTorch exports them. */
  public TestGraphs constant(String output, long... values) {
    return node(NodeProto.newBuilder().setOpType("Constant").setName(output).addOutput(output)
        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
            .setT(TensorValues.int64s("", values))).build());
  }

  public TestGraphs node(String op, String[] inputs, String output, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    return node(n.build());
  }

  public TestGraphs node(NodeProto node) {
    graph.addNode(node);
    return this;
  }

  public ModelProto model() {
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("resolute-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(15))
        .setGraph(graph).build();
  }

  public static String[] in(String... names) {
    return names;
  }

  public static AttributeProto ints(String name, long... values) {
    return OnnxBuilder.ints(name, values);
  }

  public static AttributeProto integer(String name, long value) {
    return OnnxBuilder.integer(name, value);
  }

  public static AttributeProto string(String name, String value) {
    return OnnxBuilder.string(name, value);
  }

  /**
   * Writes a probability model ({@code model.onnx} and {@code model.json}) into {@code dir}:
   * foreground where red exceeds green, {@code p = sigmoid(4 (R - G))}.
   */
  public static ModelDescriptor writeRedOverGreenModel(java.nio.file.Path dir) throws java.io.IOException {
    ModelProto graph = graph().input("input", -1, 3, -1, -1).output("prob", -1, 1, -1, -1)
        .tensor("w", new long[] {1, 3, 1, 1}, 4, -4, 0)
        .node("Conv", in("input", "w"), "score")
        .node("Sigmoid", in("score"), "prob")
        .model();
    OnnxFiles.write(graph, dir.resolve("model.onnx"));
    ModelDescriptor descriptor = new ModelDescriptor("fg", "input", "prob", "RGB", java.util.List.of(1f, 1f, 1f),
        java.util.List.of(0f, 0f, 0f), java.util.List.of("background", "foreground"), 1, java.util.List.of(1.0),
        OutputKind.PROBABILITY, null, null, null);
    descriptor.write(dir.resolve("model.json"));
    return descriptor;
  }

  private static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("d" + shape.getDimCount())
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
  }
}
