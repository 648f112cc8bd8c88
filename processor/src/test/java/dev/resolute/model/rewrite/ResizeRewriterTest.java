package dev.resolute.model.rewrite;

import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OrtRun;
import dev.resolute.model.graph.TestGraphs;
import static dev.resolute.model.graph.TestGraphs.in;
import static dev.resolute.model.graph.TestGraphs.integer;
import static dev.resolute.model.graph.TestGraphs.ints;
import static dev.resolute.model.graph.TestGraphs.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResizeRewriterTest {

  /**
   * A U-Net in miniature, exported at 8x8: a decoder Resize traced as a constant {@code [1, 2, 8, 8]}
   * and cast before it meets its skip connection, and a side output upsampled to the image size
   * through PyTorch's {@code Concat(Slice(Shape(x), 0, 2), [8, 8])}.
   */
  private static ModelProto exportedAt8x8() {
    return exportedAt(8, 8);
  }

  /** The same network (same weights) as traced by an exporter at {@code height x width}: its Resizes carry that size as constants. */
  private static ModelProto exportedAt(int height, int width) {
    return TestGraphs.graph()
        .input("image", 1, 3, height, width)
        .output("prob", 1, 1, height, width)
        .shapeOf("skip", 1, 2, height, width)
        .weight("skip.w", 2, 3, 1, 1).weight("down.w", 2, 3, 3, 3).weight("head.w", 1, 4, 1, 1)
        .int64s("traced_sizes", 1, 2, height, width)
        .node("Conv", in("image", "skip.w"), "skip")
        .node("MaxPool", in("image"), "pooled", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("Conv", in("pooled", "down.w"), "down", ints("pads", 1, 1, 1, 1))
        .node("Resize", in("down", "", "", "traced_sizes"), "up", string("mode", "linear"))
        .node("Cast", in("up"), "up_cast", integer("to", TensorProto.DataType.FLOAT_VALUE))
        .node("Concat", in("up_cast", "skip"), "joined", integer("axis", 1))
        .node("Conv", in("joined", "head.w"), "score")
        .node("MaxPool", in("score"), "coarse", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("Shape", in("coarse"), "coarse_shape")
        .constant("zero", 0).constant("two", 2).constant("traced_hw", height, width)
        .node("Slice", in("coarse_shape", "zero", "two", "zero"), "coarse_nc")
        .node("Concat", in("coarse_nc", "traced_hw"), "side_sizes", integer("axis", 0))
        .node("Resize", in("coarse", "", "", "side_sizes"), "side_up", string("mode", "linear"))
        .node("Sigmoid", in("side_up"), "prob")
        .model();
  }

  @Test
  void shouldTieEachTracedResizeToTheTensorItsOutputMustMatch() {
    ResizeRewriter.Result result = ResizeRewriter.rewrite(exportedAt8x8(), "mini");

    assertThat(result.rewrites()).extracting(ResizeRewriter.Rewrite::resize, ResizeRewriter.Rewrite::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("up_Resize", "skip"),
            org.assertj.core.groups.Tuple.tuple("side_up_Resize", "image"));
    assertThat(result.model().getGraph().getNodeList()).noneMatch(n -> n.getOutput(0).equals("traced_hw"));
  }

  @Test
  void shouldGiveTheSameOutputAsTheExportedGraphAtTheExportSize() {
    ModelProto exported = exportedAt8x8();
    ModelProto rewritten = DynamicImageSize.apply(ResizeRewriter.rewrite(exported, "mini").model());
    OrtRun.Tensor image = image(8, 8);

    OrtRun.Tensor expected = OrtRun.run(exported, "image", image, "prob");
    OrtRun.Tensor actual = OrtRun.run(rewritten, "image", image, "prob");

    assertThat(actual.shape()).containsExactly(1, 1, 8, 8);
    assertThat(actual.maxAbsDifference(expected)).isLessThanOrEqualTo(1e-6);
  }

  @Test
  void shouldRunAtASizeWhosePooledSizesAreOdd() {
    ModelProto rewritten = DynamicImageSize.apply(ResizeRewriter.rewrite(exportedAt8x8(), "mini").model());

    OrtRun.Tensor out = OrtRun.run(rewritten, "image", image(10, 14), "prob");
    // what the network computes at 10x14 is what an export traced at 10x14 computes
    OrtRun.Tensor expected = OrtRun.run(exportedAt(10, 14), "image", image(10, 14), "prob");

    assertThat(out.shape()).containsExactly(1, 1, 10, 14);
    assertThat(out.maxAbsDifference(expected)).isLessThanOrEqualTo(1e-6);
  }

  @Test
  void shouldShowThatSymbolicDimsAloneDoNotMakeTheExportedGraphRunAtOtherSizes() {
    ModelProto onlyRelabelled = DynamicImageSize.apply(exportedAt8x8());

    // the traced Resize still gives 8x8, which the 10x14 skip connection cannot be concatenated with
    assertThatThrownBy(() -> OrtRun.run(onlyRelabelled, "image", image(10, 14), "prob"))
        .isInstanceOf(ModelLoadException.class);
  }

  @Test
  void shouldLeaveResizesDrivenByScalesAsTheyAre() {
    ModelProto model = TestGraphs.graph()
        .input("image", 1, 3, 8, 8).output("up", 1, 3, 16, 16)
        .floats("scales", 1, 1, 2, 2)
        .node("Resize", in("image", "", "scales"), "up")
        .model();

    ResizeRewriter.Result result = ResizeRewriter.rewrite(model, "scaled");

    assertThat(result.rewrites()).isEmpty();
    assertThat(result.model()).isEqualTo(model);
  }

  @Test
  void shouldRefuseAResizeWithNoTensorToTakeItsSizeFrom() {
    ModelProto model = TestGraphs.graph()
        .input("image", 1, 3, 8, 8).output("up", 1, 3, 6, 6)
        .int64s("traced_sizes", 1, 3, 6, 6)
        .node("Resize", in("image", "", "", "traced_sizes"), "up")
        .model();

    assertThatThrownBy(() -> ResizeRewriter.rewrite(model, "odd"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model odd: Resize 'up_Resize' was traced to 6x6")
        .hasMessageContaining("no tensor to take its size from");
  }

  @Test
  void shouldRefuseWhenTheSkipConnectionWasNotTheTracedSize() {
    ModelProto model = TestGraphs.graph()
        .input("image", 1, 3, 8, 8).output("joined", 1, 6, 8, 8)
        .shapeOf("image", 1, 3, 8, 8)
        .int64s("traced_sizes", 1, 3, 7, 7)
        .node("Resize", in("image", "", "", "traced_sizes"), "up")
        .node("Concat", in("up", "image"), "joined", integer("axis", 1))
        .model();

    assertThatThrownBy(() -> ResizeRewriter.rewrite(model, "inconsistent"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("traced to 7x7 but the tensor it is concatenated with, 'image', was 8x8");
  }

  @Test
  void shouldKeepOnlyTheOutputsAskedForAndWhatTheyNeed() {
    ModelProto model = TestGraphs.graph()
        .input("image", 1, 3, 8, 8).output("a", 1, 3, 8, 8).output("b", 1, 3, 8, 8)
        .weight("unused.w", 3, 3, 1, 1)
        .node("Relu", in("image"), "a")
        .node("Conv", in("image", "unused.w"), "b")
        .model();

    ModelProto pruned = GraphPruner.keepOutputs(model, List.of("a"));

    assertThat(pruned.getGraph().getNodeList()).extracting(n -> n.getOpType()).containsExactly("Relu");
    assertThat(pruned.getGraph().getInitializerList()).isEmpty();
    assertThat(pruned.getGraph().getOutputList()).extracting(v -> v.getName()).containsExactly("a");
    assertThatThrownBy(() -> GraphPruner.keepOutputs(model, List.of("c")))
        .hasMessageContaining("has no output 'c'; its outputs are [a, b]");
  }

  /** A deterministic float image, NCHW with 3 channels. */
  static OrtRun.Tensor image(int height, int width) {
    float[] values = new float[3 * height * width];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.sin(i * 0.37) * 0.5f;
    }
    return new OrtRun.Tensor(values, new long[] {1, 3, height, width});
  }
}
