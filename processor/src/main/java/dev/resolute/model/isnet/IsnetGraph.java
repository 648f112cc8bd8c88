package dev.resolute.model.isnet;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.rewrite.DynamicImageSize;
import dev.resolute.model.rewrite.GraphPruner;
import dev.resolute.model.rewrite.ResizeRewriter;
import java.util.List;

/**
 * Turns the ISNet graph as shipped (1024x1024 only, eleven outputs) into the one Resolute runs: the
 * finest mask as its only output, every Resize sized from tensor shapes at run time, batch, height
 * and width symbolic.
 */
final class IsnetGraph {
  private IsnetGraph() {}

  record Prepared(ModelProto model, List<ResizeRewriter.Rewrite> rewrites) {}

  static Prepared prepare(ModelProto shipped) {
    // the five coarser side outputs and six decoder maps are training-time supervision
    ModelProto pruned = GraphPruner.keepOutputs(shipped, List.of(IsnetModel.OUTPUT));
    ResizeRewriter.Result rewritten = ResizeRewriter.rewrite(pruned, IsnetModel.ID);
    return new Prepared(DynamicImageSize.apply(rewritten.model()), rewritten.rewrites());
  }
}
