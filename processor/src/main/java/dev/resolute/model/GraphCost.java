package dev.resolute.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FLOPs and peak activation memory of one forward pass at a given input size, counted from the ONNX
 * graph by propagating shapes node by node.
 *
 * <p>Conventions: a multiply-add is 2 FLOPs, a bias add or an elementwise op 1 FLOP per output
 * element. Peak memory is the largest sum of float32 activations alive at once (a tensor lives from
 * the node that makes it to its last reader); weights are not included.
 */
public record GraphCost(double gflops, long peakActivationBytes) {
  private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Clip", "Identity", "Exp", "Sqrt");
  private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div");
  private static final int FLOAT_BYTES = 4;

  /** Counts the cost of a batch-1 pass at {@code height} x {@code width}. */
  public static GraphCost of(ModelProto model, int height, int width) {
    GraphProto graph = model.getGraph();
    Map<String, long[]> shapes = new HashMap<>();
    for (TensorProto init : graph.getInitializerList()) {
      shapes.put(init.getName(), init.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }
    Set<String> weights = new LinkedHashSet<>(shapes.keySet());
    String input = graph.getInputList().stream().map(v -> v.getName()).filter(n -> !weights.contains(n)).findFirst()
        .orElseThrow(() -> new ModelLoadException("model graph has no image input", null));
    long channels = graph.getInputList().stream().filter(v -> v.getName().equals(input)).findFirst().orElseThrow()
        .getType().getTensorType().getShape().getDim(1).getDimValue();
    shapes.put(input, new long[] {1, channels, height, width});

    double flops = 0;
    Set<String> unsupported = new LinkedHashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      long[] out;
      switch (node.getOpType()) {
        case "Conv" -> {
          long[] x = shapes.get(node.getInput(0));
          long[] w = shapes.get(node.getInput(1));
          out = convOutput(node, x, w);
          long outElements = numel(out);
          flops += 2.0 * outElements * w[1] * w[2] * w[3];
          if (node.getInputCount() > 2) {
            flops += outElements;
          }
        }
        default -> {
          if (UNARY.contains(node.getOpType())) {
            out = shapes.get(node.getInput(0)).clone();
          } else if (BINARY.contains(node.getOpType())) {
            out = broadcast(shapes.get(node.getInput(0)), shapes.get(node.getInput(1)));
          } else {
            unsupported.add(node.getOpType());
            continue;
          }
          flops += numel(out);
        }
      }
      shapes.put(node.getOutput(0), out);
    }
    if (!unsupported.isEmpty()) {
      throw new UnsupportedOperationException("cannot count ops " + unsupported + " yet");
    }
    return new GraphCost(flops / 1e9, peakActivationBytes(graph, shapes, weights));
  }

  private static long peakActivationBytes(GraphProto graph, Map<String, long[]> shapes, Set<String> weights) {
    List<NodeProto> nodes = graph.getNodeList();
    Map<String, Integer> born = new HashMap<>();
    Map<String, Integer> lastRead = new HashMap<>();
    graph.getInputList().stream().filter(v -> !weights.contains(v.getName())).forEach(v -> born.put(v.getName(), 0));
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).getInputList()) {
        lastRead.put(in, i);
      }
      for (String out : nodes.get(i).getOutputList()) {
        born.putIfAbsent(out, i);
      }
    }
    graph.getOutputList().forEach(v -> lastRead.put(v.getName(), nodes.size()));
    long peak = 0;
    for (int i = 0; i < nodes.size(); i++) {
      long alive = 0;
      for (var entry : born.entrySet()) {
        int end = lastRead.getOrDefault(entry.getKey(), entry.getValue());
        if (entry.getValue() <= i && i <= end && shapes.containsKey(entry.getKey())) {
          alive += numel(shapes.get(entry.getKey())) * FLOAT_BYTES;
        }
      }
      peak = Math.max(peak, alive);
    }
    return peak;
  }

  private static long[] convOutput(NodeProto node, long[] x, long[] w) {
    long[] pads = intsOr(node, "pads", new long[] {0, 0, 0, 0});
    long[] strides = intsOr(node, "strides", new long[] {1, 1});
    long[] dilations = intsOr(node, "dilations", new long[] {1, 1});
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals("auto_pad") && !a.getS().toStringUtf8().equals("NOTSET")) {
        throw new UnsupportedOperationException("Conv " + node.getName() + ": auto_pad is not counted yet");
      }
    }
    long h = (x[2] + pads[0] + pads[2] - dilations[0] * (w[2] - 1) - 1) / strides[0] + 1;
    long wd = (x[3] + pads[1] + pads[3] - dilations[1] * (w[3] - 1) - 1) / strides[1] + 1;
    return new long[] {x[0], w[0], h, wd};
  }

  private static long[] broadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      out[i] = Math.max(da, db);
    }
    return out;
  }

  private static long[] intsOr(NodeProto node, String name, long[] fallback) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
      }
    }
    return fallback;
  }

  private static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

}
