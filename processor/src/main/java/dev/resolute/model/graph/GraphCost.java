package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FLOPs and peak activation memory of one forward pass at a given input size, counted from the ONNX
 * graph by propagating shapes node by node (the conventions are {@link OpCosts}'s).
 *
 * <p>Peak memory is the largest sum of activations alive at once, at 4 bytes an element (float32,
 * what CPU kernels compute in, even for a float16 graph); weights and shape arithmetic are not
 * included. A node with no rule, or whose input shapes are unknown because of one, is left out of
 * both figures and its op type listed in {@code uncountedOps}; the figures are then lower bounds.
 *
 * @param uncountedOps op types of the nodes not counted, in graph order; empty when all were
 * @param gmacs multiply-adds of the convolutions and matrix products alone, in billions: what
 *     papers that count "FLOPs" with fvcore or thop report (one multiply-add, one FLOP)
 */
public record GraphCost(double gflops, long peakActivationBytes, List<String> uncountedOps, double gmacs) {
  private static final int ELEMENT_BYTES = 4;

  public GraphCost {
    uncountedOps = List.copyOf(uncountedOps);
  }

  /** Whether every node was counted. */
  public boolean complete() {
    return uncountedOps.isEmpty();
  }

  /** Counts the cost of a batch-1 pass at {@code height} x {@code width}. */
  public static GraphCost of(ModelProto model, int height, int width) {
    GraphProto graph = model.getGraph();
    Map<String, long[]> shapes = new HashMap<>();
    Map<String, Folded> known = new HashMap<>();
    Set<String> weights = new HashSet<>();
    for (TensorProto init : graph.getInitializerList()) {
      long[] dims = init.getDimsList().stream().mapToLong(Long::longValue).toArray();
      shapes.put(init.getName(), dims);
      weights.add(init.getName());
      TensorValues.of(init).ifPresent(v -> known.put(init.getName(), new Folded(v, dims, TensorValues.isIntegral(init.getDataType()))));
    }
    ValueInfoProto image = graph.getInputList().stream().filter(v -> !weights.contains(v.getName())).findFirst()
        .orElseThrow(() -> new GraphException("model graph has no image input"));
    long channels = image.getType().getTensorType().getShape().getDim(1).getDimValue();
    shapes.put(image.getName(), new long[] {1, channels, height, width});

    double flops = 0;
    double macs = 0;
    Set<String> uncounted = new LinkedHashSet<>();
    List<NodeProto> order = TopologicalOrder.of(graph);
    for (NodeProto node : order) {
      if (node.getOpType().equals("Constant")) {
        // a weight written as a node; small ones also feed shape arithmetic below
        weights.add(node.getOutput(0));
        TensorValues.constantNodeValue(node).ifPresent(
            t -> shapes.put(node.getOutput(0), t.getDimsList().stream().mapToLong(Long::longValue).toArray()));
      }
      Optional<Folded> folded = ShapeArithmetic.fold(node, shapes, known);
      if (folded.isPresent()) {
        known.put(node.getOutput(0), folded.get());
        shapes.put(node.getOutput(0), folded.get().shape());
        continue;
      }
      Optional<OpCosts.Counted> counted = OpCosts.count(node, inputs(node, shapes, known));
      if (counted.isEmpty()) {
        uncounted.add(node.getOpType());
        continue;
      }
      flops += counted.get().flops();
      macs += counted.get().multiplyAdds();
      List<long[]> outputs = counted.get().outputs();
      for (int i = 0; i < Math.min(outputs.size(), node.getOutputCount()); i++) {
        if (outputs.get(i) != null && !node.getOutput(i).isEmpty()) {
          shapes.put(node.getOutput(i), outputs.get(i));
        }
      }
    }

    Map<String, Long> bytes = new HashMap<>();
    shapes.forEach((name, shape) -> {
      if (!weights.contains(name) && !known.containsKey(name)) {
        bytes.put(name, Shapes.numel(shape) * ELEMENT_BYTES);
      }
    });
    Set<String> outputs = graph.getOutputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
    long peak = ActivationMemory.peak(order, Set.of(image.getName()), outputs, bytes);
    return new GraphCost(flops / 1e9, peak, List.copyOf(uncounted), macs / 1e9);
  }

  private static OpCosts.Inputs inputs(NodeProto node, Map<String, long[]> shapes, Map<String, Folded> known) {
    return new OpCosts.Inputs() {
      @Override
      public long[] shape(int i) {
        return node.getInput(i).isEmpty() ? null : shapes.get(node.getInput(i));
      }

      @Override
      public long[] values(int i) {
        Folded f = node.getInput(i).isEmpty() ? null : known.get(node.getInput(i));
        return f == null ? null : f.asLongs();
      }

      @Override
      public double[] doubles(int i) {
        Folded f = node.getInput(i).isEmpty() ? null : known.get(node.getInput(i));
        return f == null ? null : f.values();
      }

      @Override
      public int count() {
        return node.getInputCount();
      }
    };
  }
}
