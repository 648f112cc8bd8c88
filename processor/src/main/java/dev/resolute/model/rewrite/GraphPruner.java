package dev.resolute.model.rewrite;

import dev.resolute.model.ModelLoadException;
import dev.resolute.model.graph.TopologicalOrder;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a graph down to the outputs the processor reads. Exported training graphs often return every
 * side output and intermediate map; each costs compute, and the runtime copies every output back
 * to the caller, so the ones nobody reads are pure cost.
 */
public final class GraphPruner {
  private GraphPruner() {}

  /**
   * The model with only {@code keep} as outputs, the nodes they depend on and the initializers
   * those nodes read, in dependency order.
   */
  public static ModelProto keepOutputs(ModelProto model, List<String> keep) {
    GraphProto graph = model.getGraph();
    List<String> present = graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
    for (String name : keep) {
      if (!present.contains(name)) {
        throw new ModelLoadException("graph " + graph.getName() + " has no output '" + name + "'; its outputs are " + present, null);
      }
    }
    Set<String> needed = new HashSet<>(keep);
    List<NodeProto> sorted = TopologicalOrder.of(graph);
    List<NodeProto> kept = new ArrayList<>();
    for (int i = sorted.size() - 1; i >= 0; i--) {
      NodeProto node = sorted.get(i);
      if (node.getOutputList().stream().anyMatch(needed::contains)) {
        kept.add(node);
        needed.addAll(node.getInputList());
      }
    }
    Collections.reverse(kept);

    Set<String> initializers = new HashSet<>();
    GraphProto.Builder pruned = graph.toBuilder()
        .clearNode().addAllNode(kept)
        .clearInitializer().clearInput().clearOutput().clearValueInfo();
    for (TensorProto init : graph.getInitializerList()) {
      if (needed.contains(init.getName())) {
        pruned.addInitializer(init);
        initializers.add(init.getName());
      }
    }
    Set<String> allInitializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> allInitializers.add(t.getName()));
    for (ValueInfoProto input : graph.getInputList()) {
      // image inputs stay even if unread; an initializer listed as an input goes with its initializer
      if (!allInitializers.contains(input.getName()) || initializers.contains(input.getName())) {
        pruned.addInput(input);
      }
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      if (keep.contains(output.getName())) {
        pruned.addOutput(output);
      }
    }
    for (ValueInfoProto info : graph.getValueInfoList()) {
      if (needed.contains(info.getName())) {
        pruned.addValueInfo(info);
      }
    }
    return model.toBuilder().setGraph(pruned).build();
  }
}
