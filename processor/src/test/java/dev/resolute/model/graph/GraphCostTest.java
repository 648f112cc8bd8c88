package dev.resolute.model.graph;

import dev.resolute.model.RgbSegmenterModel;
import static dev.resolute.model.graph.TestGraphs.in;
import static dev.resolute.model.graph.TestGraphs.integer;
import static dev.resolute.model.graph.TestGraphs.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphCostTest {

  private static double flops(ModelProto model, int height, int width) {
    GraphCost cost = GraphCost.of(model, height, width);
    assertThat(cost.uncountedOps()).isEmpty();
    // hand counts are whole numbers; GFLOPs carry the rounding of the division by 1e9
    return Math.round(cost.gflops() * 1e9);
  }

  @Test
  void shouldCountTheGeneratedModelExactly() {
    int h = 48;
    int w = 80;
    GraphCost cost = GraphCost.of(RgbSegmenterModel.build(), h, w);

    long pixels = (long) h * w;
    // blur: 3 outputs x (3 inputs x 3x3) multiply-adds + bias; relu: 1 per element;
    // classify: 4 outputs x 3 inputs multiply-adds + bias
    long expectedFlops = pixels * (2 * 3 * 3 * 9 + 3) + pixels * 3 + pixels * (2 * 4 * 3 + 4);
    assertThat(cost.gflops() * 1e9).isCloseTo(expectedFlops, within(1e-3));
    // the largest live set is the classifier's input (3 planes) and output (4 planes)
    assertThat(cost.peakActivationBytes()).isEqualTo(pixels * 7 * 4);
    assertThat(cost.complete()).isTrue();
  }

  @Test
  void shouldRefuseAGraphWithoutAnImageInput() {
    // GraphException, not model's ModelLoadException: the graph package stays below model
    ModelProto model = TestGraphs.graph().output("y").weight("w", 2).node("Relu", in("w"), "y").model();

    assertThatThrownBy(() -> GraphCost.of(model, 9, 9)).isInstanceOf(GraphException.class)
        .hasMessageContaining("no image input");
  }

  @Test
  void shouldScaleWithPixelCount() {
    GraphCost full = GraphCost.of(RgbSegmenterModel.build(), 240, 320);
    GraphCost half = GraphCost.of(RgbSegmenterModel.build(), 120, 160);

    assertThat(full.gflops() / half.gflops()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void shouldCountAGroupedStridedConvolution() {
    // x [1,4,9,9], w [6, 4/2, 3, 3], stride 2, pad 1: out (9 + 2 - 3) / 2 + 1 = 5 -> [1,6,5,5]
    ModelProto model = TestGraphs.graph().input("x", 1, 4, -1, -1).output("y")
        .weight("w", 6, 2, 3, 3).weight("b", 6)
        .node("Conv", in("x", "w", "b"), "y", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), integer("group", 2))
        .model();

    // 150 outputs x 2 input channels x 9 taps multiply-adds, plus 150 bias adds
    assertThat(flops(model, 9, 9)).isEqualTo(2.0 * 150 * 2 * 9 + 150);
  }

  @Test
  void shouldCountADilatedConvolutionThatKeepsItsSize() {
    // kernel 3 dilated by 2 spans 5 pixels; pads 2 keep 9x9
    ModelProto model = TestGraphs.graph().input("x", 1, 2, -1, -1).output("y")
        .weight("w", 3, 2, 3, 3)
        .node("Conv", in("x", "w"), "y", ints("dilations", 2, 2), ints("pads", 2, 2, 2, 2))
        .node("Relu", in("y"), "z")
        .model();

    assertThat(flops(model, 9, 9)).isEqualTo(2.0 * 3 * 81 * 2 * 9 + 3 * 81);
  }

  @Test
  void shouldCountSamePaddingWithoutExplicitPads() {
    ModelProto model = TestGraphs.graph().input("x", 1, 1, -1, -1).output("y")
        .weight("w", 1, 1, 3, 3)
        .node("Conv", in("x", "w"), "y", ints("strides", 2, 2), TestGraphs.string("auto_pad", "SAME_UPPER"))
        .model();

    // ceil(7 / 2) = 4 per side
    assertThat(flops(model, 7, 7)).isEqualTo(2.0 * 16 * 9);
  }

  @Test
  void shouldCountPoolingWindowsIncludingCeilMode() {
    // MaxPool 2x2/2 with ceil_mode on 9x9 -> 5x5; AveragePool 3x3/1 pad 1 keeps 5x5; global pool -> 1x1
    ModelProto model = TestGraphs.graph().input("x", 1, 2, -1, -1).output("g")
        .node("MaxPool", in("x"), "p", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("AveragePool", in("p"), "a", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1))
        .node("GlobalAveragePool", in("a"), "g")
        .model();

    double maxPool = 2 * 25 * 4;
    double averagePool = 2 * 25 * 9;
    double globalPool = 2 * 25;
    assertThat(flops(model, 9, 9)).isEqualTo(maxPool + averagePool + globalPool);
  }

  @Test
  void shouldAddChannelsOnConcatForFreeAndCountTheConvolutionAfterIt() {
    ModelProto model = TestGraphs.graph().input("x", 1, 3, -1, -1).output("y")
        .weight("a.w", 2, 3, 1, 1).weight("y.w", 1, 5, 1, 1)
        .node("Conv", in("x", "a.w"), "a")
        .node("Concat", in("a", "x"), "ax", integer("axis", 1))
        .node("Conv", in("ax", "y.w"), "y")
        .model();

    int pixels = 4 * 6;
    // the second convolution sees 2 + 3 = 5 channels
    assertThat(flops(model, 4, 6)).isEqualTo(2.0 * pixels * 2 * 3 + 2.0 * pixels * 1 * 5);
    // at the Concat, x (3 planes, read there for the last time), a (2) and ax (5) are alive
    assertThat(GraphCost.of(model, 4, 6).peakActivationBytes()).isEqualTo(pixels * (3 + 2 + 5) * 4L);
  }

  @Test
  void shouldCountATransposedConvolutionByItsInputElements() {
    // x [1,4,5,5], w [4, 3, 2, 2], stride 2: out 2 * (5 - 1) + 2 = 10 -> [1,3,10,10]
    ModelProto model = TestGraphs.graph().input("x", 1, 4, -1, -1).output("z")
        .weight("w", 4, 3, 2, 2).weight("b", 3)
        .node("ConvTranspose", in("x", "w", "b"), "y", ints("strides", 2, 2))
        .node("Relu", in("y"), "z")
        .model();

    // each of 100 input elements meets 3 x 2 x 2 weights; 300 bias adds; 300 relus
    assertThat(flops(model, 5, 5)).isEqualTo(2.0 * 100 * 12 + 300 + 300);
  }

  @Test
  void shouldCountResizeToTheSizeOfAnotherTensorComputedFromShapes() {
    // the rewritten-ISNet pattern: sizes = Concat(Slice(Shape(src), 0, 2), Slice(Shape(skip), 2, 4))
    ModelProto model = TestGraphs.graph().input("x", 1, 2, -1, -1).output("y")
        .int64s("zero", 0).int64s("two", 2).int64s("four", 4)
        .node("MaxPool", in("x"), "small", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("Shape", in("small"), "small_shape")
        .node("Slice", in("small_shape", "zero", "two", "zero"), "nc")
        .node("Shape", in("x"), "x_shape")
        .node("Slice", in("x_shape", "two", "four", "zero"), "hw")
        .node("Concat", in("nc", "hw"), "sizes", integer("axis", 0))
        .node("Resize", in("small", "", "", "sizes"), "up")
        .node("Concat", in("up", "x"), "y", integer("axis", 1))
        .model();

    // at 7x9: pool to 4x5 (2 x 20 outputs, 4 window elements each), then back to 2 x 7 x 9 outputs
    assertThat(flops(model, 7, 9)).isEqualTo(2 * 20 * 4 + 2 * 63);
  }

  @Test
  void shouldCountResizeByScalesAndByCastAndGatheredShapeArithmetic() {
    // Upsample-style scales, then a size computed as Cast(Gather(Shape(x), 2)) * 2
    ModelProto model = TestGraphs.graph().input("x", 1, 1, -1, -1).output("z")
        .floats("scales", 1, 1, 2, 2).int64s("idx2", 2).int64s("idx3", 3).int64s("nc", 1, 1).int64s("twice", 2)
        .node("Resize", in("x", "", "scales"), "y")
        .node("Shape", in("x"), "s")
        .node("Gather", in("s", "idx2"), "h")
        .node("Gather", in("s", "idx3"), "w")
        .node("Concat", in("h", "w"), "hw", integer("axis", 0))
        .node("Mul", in("hw", "twice"), "hw2")
        .node("Cast", in("hw2"), "hw2_cast", integer("to", TensorProto.DataType.INT64_VALUE))
        .node("Concat", in("nc", "hw2_cast"), "sizes", integer("axis", 0))
        .node("Resize", in("y", "", "", "sizes"), "z")
        .model();

    // 3x5 -> 6x10 by scales (60), then to 6x10 again from the shape arithmetic (60)
    assertThat(flops(model, 3, 5)).isEqualTo(60 + 60);
  }

  @Test
  void shouldCountAClassifierHeadThroughFlattenAndGemm() {
    ModelProto model = TestGraphs.graph().input("x", 1, 8, -1, -1).output("y")
        .weight("fc.w", 10, 8).weight("fc.b", 10)
        .node("GlobalAveragePool", in("x"), "g")
        .node("Flatten", in("g"), "f")
        .node("Gemm", in("f", "fc.w", "fc.b"), "y", integer("transB", 1))
        .node("MatMul", in("y", "fc.w"), "unused")
        .model();

    // pool: 8 x 4 x 4 adds; gemm [1,8] x [8,10]: 2 x 80 + 10 bias; matmul [1,10] x [10,8]: 2 x 80
    assertThat(flops(model, 4, 4)).isEqualTo(8 * 16 + 2 * 80 + 10 + 2 * 80);
  }

  @Test
  void shouldNameOpsItCannotCountAndKeepCountingTheRest() {
    ModelProto model = TestGraphs.graph().input("x", 1, 1, -1, -1).output("z").output("r")
        .node("Relu", in("x"), "r")
        .node("MysteryOp", in("x"), "y")
        .node("Sigmoid", in("y"), "z")
        .model();

    GraphCost cost = GraphCost.of(model, 4, 4);

    assertThat(cost.uncountedOps()).containsExactly("MysteryOp", "Sigmoid");
    assertThat(cost.complete()).isFalse();
    assertThat(cost.gflops() * 1e9).isCloseTo(16, within(1e-6));
  }

  @Test
  void shouldCountAGraphWhoseNodesAreNotInDependencyOrder() {
    // float16 converters append their Casts at the end of the node list
    ModelProto sorted = TestGraphs.graph().input("x", 1, 1, -1, -1).output("z")
        .node("Cast", in("x"), "x16", integer("to", TensorProto.DataType.FLOAT16_VALUE))
        .node("Relu", in("x16"), "y")
        .node("Cast", in("y"), "z", integer("to", TensorProto.DataType.FLOAT_VALUE))
        .model();
    List<NodeProto> shuffled = new ArrayList<>(sorted.getGraph().getNodeList());
    Collections.reverse(shuffled);
    ModelProto unsorted = sorted.toBuilder().setGraph(sorted.getGraph().toBuilder().clearNode().addAllNode(shuffled)).build();

    assertThat(GraphCost.of(unsorted, 5, 5)).isEqualTo(GraphCost.of(sorted, 5, 5));
    assertThat(flops(unsorted, 5, 5)).isEqualTo(25);
  }
}
