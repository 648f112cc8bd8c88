package dev.resolute.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small fully convolutional segmenter with hand-set weights, written as a real ONNX file.
 *
 * <p>It labels pure red, green and blue regions and a dark background, so that tests and the
 * default demo run a real network whose right answer is known. Graph, NCHW float32, input scaled to
 * 0..1 RGB:
 *
 * <pre>
 *   input [N,3,H,W] -> Conv 3x3 (per-channel centre-weighted blur, pad 1) -> Relu
 *                   -> Conv 1x1 (3 -> 4 class logits) -> logits [N,4,H,W]
 * </pre>
 *
 * The blur makes each decision depend on a neighbourhood, as in a real network, and soaks up
 * compression noise. The 1x1 layer scores a colour by how much its channel exceeds the other two;
 * the background scores a constant 0.5, which beats every colour score on grey pixels.
 */
public final class RgbSegmenterModel {
  public static final String ID = "rgb-segmenter";
  public static final List<String> CLASSES = List.of("background", "red", "green", "blue");
  public static final String INPUT = "input";
  public static final String OUTPUT = "logits";
  private static final float BACKGROUND_SCORE = 0.5f;
  private static final int OPSET = 13;

  private RgbSegmenterModel() {}

  public static ModelDescriptor descriptor() {
    float toUnit = 1f / 255f;
    return new ModelDescriptor(ID, INPUT, OUTPUT, "RGB",
        List.of(toUnit, toUnit, toUnit), List.of(0f, 0f, 0f), CLASSES, 1, List.of(1.0, 0.75, 0.5, 0.25));
  }

  /** Writes {@code model.onnx} and {@code model.json} into {@code dir}; returns the model file. */
  public static Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path modelFile = dir.resolve("model.onnx");
    try (OutputStream out = Files.newOutputStream(modelFile)) {
      build().writeTo(out);
    }
    descriptor().write(dir.resolve(ModelDescriptor.FILE_NAME));
    return modelFile;
  }

  static ModelProto build() {
    GraphProto graph = GraphProto.newBuilder()
        .setName(ID)
        .addInput(imageTensor(INPUT, 3))
        .addOutput(imageTensor(OUTPUT, CLASSES.size()))
        .addInitializer(floatTensor("blur.weight", List.of(3L, 3L, 3L, 3L), blurWeights()))
        .addInitializer(floatTensor("blur.bias", List.of(3L), new float[3]))
        .addInitializer(floatTensor("classify.weight", List.of(4L, 3L, 1L, 1L), classifierWeights()))
        .addInitializer(floatTensor("classify.bias", List.of(4L), new float[] {BACKGROUND_SCORE, 0, 0, 0}))
        .addNode(NodeProto.newBuilder().setOpType("Conv").setName("blur")
            .addInput(INPUT).addInput("blur.weight").addInput("blur.bias").addOutput("blurred")
            .addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("pads", 1, 1, 1, 1)))
        .addNode(NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("blurred").addOutput("features"))
        .addNode(NodeProto.newBuilder().setOpType("Conv").setName("classify")
            .addInput("features").addInput("classify.weight").addInput("classify.bias").addOutput(OUTPUT)
            .addAttribute(ints("kernel_shape", 1, 1)))
        .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("resolute")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .build();
  }

  // [out=3, in=3, 3, 3]: each output channel smooths its own input channel; the centre keeps half
  // the weight so that a pixel's own colour outvotes its neighbours and shape borders stay in place
  private static float[] blurWeights() {
    float[] w = new float[3 * 3 * 9];
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 9; k++) {
        w[(c * 3 + c) * 9 + k] = k == 4 ? 0.5f : 0.0625f;
      }
    }
    return w;
  }

  // [out=4, in=3 (R,G,B)]: background ignores colour; each colour is 2*own - others
  private static float[] classifierWeights() {
    return new float[] {
      0, 0, 0,
      2, -1, -1,
      -1, 2, -1,
      -1, -1, 2
    };
  }

  private static ValueInfoProto imageTensor(String name, int channels) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channels))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"))
        .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
        .build();
  }

  private static TensorProto floatTensor(String name, List<Long> dims, float[] values) {
    TensorProto.Builder tensor = TensorProto.newBuilder()
        .setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).addAllDims(dims);
    for (float v : values) {
      tensor.addFloatData(v);
    }
    return tensor.build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      attribute.addInts(v);
    }
    return attribute.build();
  }
}
