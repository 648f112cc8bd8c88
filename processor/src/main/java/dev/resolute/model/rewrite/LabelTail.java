package dev.resolute.model.rewrite;

import static dev.resolute.model.graph.OnnxBuilder.floatAttribute;
import static dev.resolute.model.graph.OnnxBuilder.integer;
import static dev.resolute.model.graph.OnnxBuilder.string;

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
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OutputKind;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.model.graph.TensorValues;
import java.util.List;

/**
 * Appends the mask's last steps to a segmentation graph, so that the engine that runs the network
 * (and on a GPU, TensorRT or CUDA) also upsamples its output to the source size and takes the
 * argmax: only a label map of bytes comes back, never the full-size class planes.
 *
 * <p>The new graph takes one more input, {@link #OUTPUT_SIZE} ({@code [height, width]}, int64), and
 * has one output, {@link #LABELS} (uint8, one label per source pixel: {@code N x H x W}, or {@code N x 1 x H x W}
 * for a probability model, the same bytes). The Resize reads its input
 * size from the model's output tensor at run time, so a model whose output is smaller than its input
 * (an output stride) is upsampled from its real size. The Resize mode is the descriptor's {@link
 * UpsampleMethod}, with half-pixel coordinates (align_corners=false) as the Java upsampler maps
 * them: bilinear is ONNX's linear; bicubic is cubic with PyTorch's a = -0.75; nearest rounds half
 * up ({@code round_prefer_ceil}), which picks the source pixel whose cell holds the output centre,
 * as the Java nearest does. Logits end in ArgMax over the classes; a
 * foreground probability ends in {@code p > 0.5}, which is the argmax of {@code [1 - p, p]} the Java
 * path takes, with ties (exactly 0.5) going to background in both.
 */
public final class LabelTail {
  public static final String OUTPUT_SIZE = "resolute_output_size";
  public static final String LABELS = "resolute_labels";
  private static final String PREFIX = "resolute_tail/";

  private LabelTail() {}

  /**
   * {@code model} with the upsample-and-argmax tail after the output {@code descriptor} names,
   * upsampling as the descriptor says.
   */
  public static ModelProto append(ModelProto model, ModelDescriptor descriptor) {
    long opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
        .mapToLong(OperatorSetIdProto::getVersion).max().orElse(0);
    if (opset < 11) {
      throw new ModelLoadException("model " + descriptor.id() + ": opset " + opset
          + " has no Resize to a size given at run time (needs 11 or later)", null);
    }
    GraphProto graph = model.getGraph();
    String output = graph.getOutputCount() == 1 ? graph.getOutput(0).getName() : descriptor.outputName();
    String resized = PREFIX + "resized";
    GraphProto.Builder tail = graph.toBuilder()
        .clearOutput()
        .addInput(tensor(OUTPUT_SIZE, TensorProto.DataType.INT64_VALUE, dim(2)))
        .addOutput(descriptor.outputKind() == OutputKind.PROBABILITY
            ? tensor(LABELS, TensorProto.DataType.UINT8_VALUE, symbolic("N"), dim(1), symbolic("H"), symbolic("W"))
            : tensor(LABELS, TensorProto.DataType.UINT8_VALUE, symbolic("N"), symbolic("H"), symbolic("W")))
        .addInitializer(TensorValues.int64s(PREFIX + "zero", 0))
        .addInitializer(TensorValues.int64s(PREFIX + "two", 2))
        .addNode(node("Shape", List.of(output), PREFIX + "shape"))
        .addNode(node("Slice", List.of(PREFIX + "shape", PREFIX + "zero", PREFIX + "two", PREFIX + "zero"), PREFIX + "nc"))
        .addNode(node("Concat", List.of(PREFIX + "nc", OUTPUT_SIZE), PREFIX + "sizes").toBuilder()
            .addAttribute(integer("axis", 0)).build())
        .addNode(node("Resize", List.of(output, "", "", PREFIX + "sizes"), resized).toBuilder()
            .addAttribute(string("coordinate_transformation_mode", "half_pixel"))
            .addAllAttribute(resizeMode(descriptor.upsample()))
            .build());
    if (descriptor.outputKind() == OutputKind.PROBABILITY) {
      // N1HW: the same bytes as NHW
      tail.addInitializer(TensorProto.newBuilder().setName(PREFIX + "half").setDataType(TensorProto.DataType.FLOAT_VALUE)
              .addFloatData(0.5f))
          .addNode(node("Greater", List.of(resized, PREFIX + "half"), PREFIX + "foreground"))
          .addNode(cast(PREFIX + "foreground"));
    } else {
      // ArgMax keeps the first of equal maxima, as the Java upsampler does
      tail.addNode(node("ArgMax", List.of(resized), PREFIX + "argmax").toBuilder()
              .addAttribute(integer("axis", 1)).addAttribute(integer("keepdims", 0)).build())
          .addNode(cast(PREFIX + "argmax"));
    }
    ModelProto appended = model.toBuilder().setGraph(tail).build();
    // the network's side outputs, if any, are no longer fetched: drop what only they needed
    return GraphPruner.keepOutputs(appended, List.of(LABELS));
  }

  private static List<AttributeProto> resizeMode(UpsampleMethod method) {
    return switch (method) {
      case BILINEAR -> List.of(string("mode", "linear"));
      // PyTorch's bicubic (a = -0.75), the one segmentation code trains and evaluates with
      case BICUBIC -> List.of(string("mode", "cubic"), floatAttribute("cubic_coeff_a", -0.75f));
      // the default round_prefer_floor would take the lower pixel where the centre falls on a cell border
      case NEAREST -> List.of(string("mode", "nearest"), string("nearest_mode", "round_prefer_ceil"));
    };
  }

  private static NodeProto cast(String input) {
    return node("Cast", List.of(input), LABELS).toBuilder()
        .addAttribute(integer("to", TensorProto.DataType.UINT8_VALUE)).build();
  }

  private static NodeProto node(String op, List<String> inputs, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(output + "/" + op).addAllInput(inputs).addOutput(output).build();
  }

  private static TensorShapeProto.Dimension dim(long value) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
  }

  private static TensorShapeProto.Dimension symbolic(String name) {
    return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
  }

  private static ValueInfoProto tensor(String name, int type, TensorShapeProto.Dimension... dims) {
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type).setShape(TensorShapeProto.newBuilder().addAllDim(List.of(dims)))))
        .build();
  }
}
