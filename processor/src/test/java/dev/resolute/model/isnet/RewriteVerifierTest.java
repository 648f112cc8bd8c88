package dev.resolute.model.isnet;

import static dev.resolute.model.graph.TestGraphs.in;
import static dev.resolute.model.graph.TestGraphs.integer;
import static dev.resolute.model.graph.TestGraphs.ints;
import static dev.resolute.model.graph.TestGraphs.string;
import static dev.resolute.model.isnet.ProbabilityAgreement.MASK_THRESHOLD;
import static dev.resolute.model.isnet.ProbabilityAgreement.MAX_PROBABILITY_DIFFERENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OrtRun;
import dev.resolute.model.rewrite.ResizeRewriter;
import dev.resolute.model.graph.TestGraphs;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rewrite check on an ISNet in miniature, since the real one is an 88 MB download: a stride-2
 * stem, two ceil-mode poolings, decoder Resizes traced as constants and concatenated with their skip
 * connections, and the side output traced up to the image size before its sigmoid.
 */
class RewriteVerifierTest {
  private static final ImageSize EXPORTED_AT = new ImageSize(64, 64);

  static ModelProto isnetInMiniature() {
    return TestGraphs.graph()
        .input("input", 1, 3, 64, 64)
        .output("output", 1, 1, 64, 64)
        .shapeOf("hx1", 1, 4, 32, 32).shapeOf("hx2", 1, 4, 16, 16)
        .weight("stem.w", 4, 3, 3, 3).weight("e1.w", 4, 4, 3, 3).weight("e2.w", 4, 4, 3, 3).weight("e3.w", 4, 4, 3, 3)
        .weight("d2.w", 4, 8, 3, 3).weight("d1.w", 4, 8, 3, 3)
        // strong enough that, as in ISNet, most pixels are near 0 or 1 and the rest are edges
        .tensor("side.w", new long[] {1, 4, 1, 1}, -30, -1.5f, 27, -21)
        .int64s("hx3_traced", 1, 4, 16, 16).int64s("hx2d_traced", 1, 4, 32, 32)
        .node("Conv", in("input", "stem.w"), "hx", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1))
        .node("Conv", in("hx", "e1.w"), "e1", ints("pads", 1, 1, 1, 1)).node("Relu", in("e1"), "hx1")
        .node("MaxPool", in("hx1"), "p1", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("Conv", in("p1", "e2.w"), "e2", ints("pads", 1, 1, 1, 1)).node("Relu", in("e2"), "hx2")
        .node("MaxPool", in("hx2"), "p2", ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1))
        .node("Conv", in("p2", "e3.w"), "e3", ints("pads", 1, 1, 1, 1)).node("Relu", in("e3"), "hx3")
        .node("Resize", in("hx3", "", "", "hx3_traced"), "hx3up", string("mode", "linear"))
        .node("Concat", in("hx3up", "hx2"), "cat2", integer("axis", 1))
        .node("Conv", in("cat2", "d2.w"), "d2", ints("pads", 1, 1, 1, 1)).node("Relu", in("d2"), "hx2d")
        .node("Resize", in("hx2d", "", "", "hx2d_traced"), "hx2dup", string("mode", "linear"))
        .node("Concat", in("hx2dup", "hx1"), "cat1", integer("axis", 1))
        .node("Conv", in("cat1", "d1.w"), "d1c", ints("pads", 1, 1, 1, 1)).node("Relu", in("d1c"), "hx1d")
        .node("Conv", in("hx1d", "side.w"), "d1")
        .node("Shape", in("d1"), "d1_shape")
        .constant("zero", 0).constant("two", 2).constant("image_hw", 64, 64)
        .node("Slice", in("d1_shape", "zero", "two", "zero"), "d1_nc")
        .node("Concat", in("d1_nc", "image_hw"), "d1_sizes", integer("axis", 0))
        .node("Resize", in("d1", "", "", "d1_sizes"), "d1up", string("mode", "linear"))
        .node("Sigmoid", in("d1up"), "output")
        .model();
  }

  private static ModelProto rewritten() {
    return IsnetGraph.prepare(isnetInMiniature()).model();
  }

  @Test
  void shouldPassACorrectRewrite() {
    ModelProto shipped = isnetInMiniature();
    IsnetGraph.Prepared prepared = IsnetGraph.prepare(shipped);

    ProbabilityAgreement.Measured measured = RewriteVerifier.sameAsShipped(shipped, prepared.model(), EXPORTED_AT);

    assertThat(prepared.rewrites()).extracting(ResizeRewriter.Rewrite::resize, ResizeRewriter.Rewrite::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("hx3up_Resize", "hx2"),
            org.assertj.core.groups.Tuple.tuple("hx2dup_Resize", "hx1"),
            org.assertj.core.groups.Tuple.tuple("d1up_Resize", "input"));
    assertThat(measured.maxAbsDifference()).isLessThanOrEqualTo(MAX_PROBABILITY_DIFFERENCE);
    assertThat(measured.maskAgreement()).isGreaterThanOrEqualTo(ProbabilityAgreement.MIN_MASK_AGREEMENT);
    RewriteVerifier.runsAt(prepared.model(), new ImageSize(44, 52));
  }

  @Test
  void shouldCompareOnAnImageWhoseMaskHasBothClasses() {
    float[] p = OrtRun.run(isnetInMiniature(), IsnetModel.INPUT, SyntheticPhoto.at(EXPORTED_AT), IsnetModel.OUTPUT).values();

    // a map all on one side of the threshold would leave the mask criterion nothing to catch
    long foreground = 0;
    for (float v : p) {
      foreground += v >= MASK_THRESHOLD ? 1 : 0;
    }
    assertThat(foreground).isPositive().isLessThan(p.length);
  }

  @ParameterizedTest(name = "{0} sized from {1}")
  @CsvSource({
      "hx3up_Resize, hx1, does not run at 64x64",
      "hx2dup_Resize, hx2, does not run at 64x64",
      "d1up_Resize, hx1, 'gives shape [1, 1, 32, 32] where the shipped one gives [1, 1, 64, 64]'"})
  void shouldRejectARewriteThatSizesOneResizeFromTheWrongTensor(String resize, String wrongTarget, String why) {
    ModelProto shipped = isnetInMiniature();
    ModelProto broken = sizedFrom(rewritten(), resize, wrongTarget);

    assertThatThrownBy(() -> RewriteVerifier.sameAsShipped(shipped, broken, EXPORTED_AT))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model isnet: ")
        .hasMessageContaining(why)
        .hasMessageEndingWith("; not caching it");
  }

  @Test
  void shouldPassAPerturbationBelowTheTolerance() {
    float step = (float) (MAX_PROBABILITY_DIFFERENCE / 2);
    ModelProto perturbed = pushedFromThreshold(rewritten(), step);

    ProbabilityAgreement.Measured measured = RewriteVerifier.sameAsShipped(isnetInMiniature(), perturbed, EXPORTED_AT);

    // the step did reach the output, and stayed within the bound
    assertThat(measured.maxAbsDifference()).isGreaterThan(step * 0.9).isLessThanOrEqualTo(MAX_PROBABILITY_DIFFERENCE);
  }

  @Test
  void shouldRejectAPerturbationAboveTheToleranceAndNameTheCriterion() {
    ModelProto perturbed = pushedFromThreshold(rewritten(), (float) (MAX_PROBABILITY_DIFFERENCE * 2));

    assertThatThrownBy(() -> RewriteVerifier.sameAsShipped(isnetInMiniature(), perturbed, EXPORTED_AT))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("differs from the shipped one at 64x64: max |probability difference| ")
        .hasMessageContaining("is above " + MAX_PROBABILITY_DIFFERENCE)
        .hasMessageNotContaining("masks");
  }

  /**
   * {@code model} with the named rewritten Resize sized from {@code wrongTarget}: the Shape that the
   * rewrite reads the target's size with now reads another tensor.
   */
  private static ModelProto sizedFrom(ModelProto model, String resize, String wrongTarget) {
    GraphProto graph = model.getGraph();
    Map<String, NodeProto> producers = graph.getNodeList().stream()
        .collect(Collectors.toMap(n -> n.getOutput(0), Function.identity()));
    NodeProto resizeNode = graph.getNodeList().stream().filter(n -> n.getName().equals(resize)).findFirst().orElseThrow();
    // sizes = Concat(batch and channels, Slice(Shape(target), 2, 4))
    NodeProto sizes = producers.get(resizeNode.getInput(3));
    NodeProto slice = producers.get(sizes.getInput(1));
    NodeProto shape = producers.get(slice.getInput(0));
    assertThat(shape.getOpType()).isEqualTo("Shape");
    assertThat(shape.getInput(0)).isNotEqualTo(wrongTarget);
    GraphProto.Builder rewired = graph.toBuilder();
    rewired.setNode(graph.getNodeList().indexOf(shape), shape.toBuilder().setInput(0, wrongTarget));
    return model.toBuilder().setGraph(rewired).build();
  }

  /**
   * {@code model} with every output probability moved {@code step} further from the mask threshold:
   * a change to the numbers that cannot flip a mask pixel, so that only the bound on the numbers
   * decides.
   */
  private static ModelProto pushedFromThreshold(ModelProto model, float step) {
    GraphProto graph = model.getGraph();
    GraphProto.Builder builder = graph.toBuilder();
    List<NodeProto> nodes = graph.getNodeList();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).getOutput(0).equals(IsnetModel.OUTPUT)) {
        builder.setNode(i, nodes.get(i).toBuilder().setOutput(0, "exact"));
      }
    }
    builder.addInitializer(scalar("threshold", MASK_THRESHOLD)).addInitializer(scalar("step", step))
        .addNode(node("Sub", "exact", "threshold", "centred"))
        .addNode(node("Sign", "centred", null, "side"))
        .addNode(node("Mul", "side", "step", "push"))
        .addNode(node("Add", "exact", "push", IsnetModel.OUTPUT));
    return model.toBuilder().setGraph(builder).build();
  }

  private static TensorProto scalar(String name, float value) {
    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value).build();
  }

  private static NodeProto node(String op, String a, String b, String output) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName("perturb/" + output).addInput(a).addOutput(output);
    if (b != null) {
      node.addInput(b);
    }
    return node.build();
  }
}
