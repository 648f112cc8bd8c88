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
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes ONNX graphs node by node for the networks Resolute builds itself: names are made unique
 * by a counter, weights go in as raw little-endian floats (a few million of them stay fast to
 * write and to parse).
 */
public final class OnnxBuilder {
  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int counter;

  public OnnxBuilder(String name) {
    graph.setName(name);
  }

  /** An NCHW float32 image tensor with symbolic batch, height and width. */
  public static ValueInfoProto image(String name, int channels) {
    return image(name, channels, "H", "W");
  }

  /** The same with named spatial dims: an output at a stride of the input gets names of its own. */
  public static ValueInfoProto image(String name, int channels, String height, String width) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channels))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(height))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(width))
        .build();
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
        .build();
  }

  public OnnxBuilder input(ValueInfoProto value) {
    graph.addInput(value);
    return this;
  }

  public OnnxBuilder output(ValueInfoProto value) {
    graph.addOutput(value);
    return this;
  }

  /** A float32 initializer; returns its name. */
  public String floats(String prefix, long[] dims, float[] values) {
    String name = unique(prefix);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** An int64 initializer (Slice bounds, say); returns its name. */
  public String int64s(String prefix, long... values) {
    String name = unique(prefix);
    graph.addInitializer(TensorValues.int64s(name, values));
    return name;
  }

  /** Adds a node with one output; returns that output's name. */
  public String node(String op, String[] inputs, AttributeProto... attributes) {
    String output = unique(op.toLowerCase(java.util.Locale.ROOT));
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
    for (String in : inputs) {
      n.addInput(in);
    }
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return output;
  }

  /** Renames the tensor {@code from} to {@code to} with an Identity, for a graph output's fixed name. */
  public void alias(String from, String to) {
    graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(to).addInput(from).addOutput(to));
  }

  public ModelProto model(int opset) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("resolute")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph)
        .build();
  }

  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      attribute.addInts(v);
    }
    return attribute.build();
  }

  public static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  public static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  public static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }

  private String unique(String prefix) {
    return prefix + "_" + counter++;
  }
}
