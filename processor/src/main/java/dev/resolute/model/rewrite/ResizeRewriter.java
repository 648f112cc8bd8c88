package dev.resolute.model.rewrite;

import dev.resolute.model.ModelLoadException;
import dev.resolute.model.graph.TensorValues;
import dev.resolute.model.graph.TopologicalOrder;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes every Resize whose output size was traced as a constant take that size from a tensor at
 * run time, so that a graph exported at one input size runs at others.
 *
 * <p>Exporters trace {@code F.interpolate(x, size=y.shape[2:])} at the export size: the {@code
 * sizes} input becomes a constant ({@code [N, C, h, w]}) or, from PyTorch, {@code Concat(Slice(Shape(x),
 * 0, 2), [h, w])}. Constant {@code scales} would not do instead: a network that pools with
 * {@code ceil_mode} (U2Net, ISNet) has odd intermediate sizes at most input sizes, and doubling 7
 * gives 14 where the skip connection it is concatenated with has 13. So the rewrite ties each
 * Resize to the tensor its output must match:
 *
 * <ol>
 *   <li>the other input of the channel-axis Concat its output feeds (through Casts): the skip
 *       connection of {@code _upsample_like(src, tar)}, whose size the Concat forces anyway;
 *   <li>otherwise, when the traced size is the graph input's, the graph input (side outputs
 *       upsampled to the image size).
 * </ol>
 *
 * The new sizes are {@code Concat(Slice(Shape(x), 0, 2), Slice(Shape(target), 2, 4))}. Where the
 * graph records the target's traced shape, it must equal the traced size, or the rewrite stops:
 * a guess that is wrong at the export size would be wrong everywhere. A Resize driven by scales,
 * or whose sizes are already computed from shapes, is left as it is.
 */
public final class ResizeRewriter {
  private static final String PREFIX = "resolute_resize/";
  private static final String ZERO = PREFIX + "int64_0";
  private static final String TWO = PREFIX + "int64_2";
  private static final String FOUR = PREFIX + "int64_4";

  /** One rewritten Resize: the node, the size it was traced at and the tensor it now follows. */
  public record Rewrite(String resize, long height, long width, String target) {}

  public record Result(ModelProto model, List<Rewrite> rewrites) {}

  private final GraphProto graph;
  private final String modelId;
  private final Map<String, TensorProto> constants = new HashMap<>();
  private final Map<String, NodeProto> producers = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Map<String, long[]> tracedShapes = new HashMap<>();
  private final String imageInput;

  private ResizeRewriter(ModelProto model, String modelId) {
    this.graph = model.getGraph();
    this.modelId = modelId;
    graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
    for (NodeProto node : graph.getNodeList()) {
      node.getOutputList().forEach(out -> producers.put(out, node));
      node.getInputList().forEach(in -> consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node));
      if (node.getOpType().equals("Constant")) {
        TensorValues.constantNodeValue(node).ifPresent(t -> constants.put(node.getOutput(0), t));
      }
    }
    List<ValueInfoProto> infos = new ArrayList<>(graph.getValueInfoList());
    infos.addAll(graph.getInputList());
    infos.addAll(graph.getOutputList());
    infos.forEach(info -> staticShape(info).ifPresent(shape -> tracedShapes.put(info.getName(), shape)));
    imageInput = graph.getInputList().stream().map(ValueInfoProto::getName)
        .filter(n -> !constants.containsKey(n)).findFirst()
        .orElseThrow(() -> new ModelLoadException("model " + modelId + ": graph has no image input", null));
  }

  /** Rewrites {@code model}; {@code modelId} names it in errors. */
  public static Result rewrite(ModelProto model, String modelId) {
    return new ResizeRewriter(model, modelId).run(model);
  }

  private Result run(ModelProto model) {
    List<Rewrite> rewrites = new ArrayList<>();
    List<NodeProto> nodes = new ArrayList<>();
    for (NodeProto node : graph.getNodeList()) {
      Optional<Traced> traced = node.getOpType().equals("Resize") ? traced(node) : Optional.empty();
      if (traced.isEmpty()) {
        nodes.add(node);
        continue;
      }
      String name = PREFIX + (node.getName().isEmpty() ? node.getOutput(0) : node.getName());
      String target = target(node, traced.get());
      String targetShape = name + "/target_shape";
      String targetSize = name + "/target_hw";
      String sizes = name + "/sizes";
      nodes.add(node("Shape", name + "/Shape", List.of(target), targetShape));
      nodes.add(node("Slice", name + "/Slice", List.of(targetShape, TWO, FOUR, ZERO), targetSize));
      String batchAndChannels = traced.get().batchAndChannels();
      if (batchAndChannels == null) {
        batchAndChannels = name + "/input_nc";
        nodes.add(node("Shape", name + "/InputShape", List.of(node.getInput(0)), name + "/input_shape"));
        nodes.add(node("Slice", name + "/InputSlice", List.of(name + "/input_shape", ZERO, TWO, ZERO), batchAndChannels));
      }
      nodes.add(node("Concat", name + "/Concat", List.of(batchAndChannels, targetSize), sizes).toBuilder()
          .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0))
          .build());
      nodes.add(node.toBuilder().setInput(3, sizes).build());
      rewrites.add(new Rewrite(node.getName(), traced.get().height(), traced.get().width(), target));
    }
    if (rewrites.isEmpty()) {
      return new Result(model, rewrites);
    }
    GraphProto rewritten = graph.toBuilder().clearNode().addAllNode(nodes)
        .addInitializer(TensorValues.int64s(ZERO, 0))
        .addInitializer(TensorValues.int64s(TWO, 2))
        .addInitializer(TensorValues.int64s(FOUR, 4))
        .build();
    GraphProto sorted = rewritten.toBuilder().clearNode().addAllNode(TopologicalOrder.of(rewritten)).build();
    ModelProto out = model.toBuilder().setGraph(sorted).build();
    // the traced size constants are now unread
    List<String> outputs = sorted.getOutputList().stream().map(ValueInfoProto::getName).toList();
    return new Result(GraphPruner.keepOutputs(out, outputs), rewrites);
  }

  /**
   * The traced output size of a Resize, if its sizes are a constant or a PyTorch-style splice of
   * the input's batch and channels with a constant height and width.
   */
  private Optional<Traced> traced(NodeProto resize) {
    if (resize.getInputCount() < 4 || resize.getInput(3).isEmpty()) {
      return Optional.empty();
    }
    String sizes = resize.getInput(3);
    Optional<double[]> constant = valuesOf(sizes);
    if (constant.isPresent() && constant.get().length == 4) {
      return Optional.of(new Traced((long) constant.get()[2], (long) constant.get()[3], null));
    }
    NodeProto concat = producers.get(sizes);
    if (concat != null && concat.getOpType().equals("Concat") && concat.getInputCount() == 2) {
      Optional<double[]> hw = valuesOf(concat.getInput(1));
      if (hw.isPresent() && hw.get().length == 2 && valuesOf(concat.getInput(0)).isEmpty()) {
        return Optional.of(new Traced((long) hw.get()[0], (long) hw.get()[1], concat.getInput(0)));
      }
    }
    return Optional.empty();
  }

  private String target(NodeProto resize, Traced traced) {
    Set<String> path = new LinkedHashSet<>(List.of(resize.getOutput(0)));
    List<String> frontier = new ArrayList<>(path);
    while (!frontier.isEmpty()) {
      String tensor = frontier.remove(0);
      for (NodeProto reader : consumers.getOrDefault(tensor, List.of())) {
        if (reader.getOpType().equals("Cast")) {
          path.add(reader.getOutput(0));
          frontier.add(reader.getOutput(0));
        } else if (reader.getOpType().equals("Concat") && !isSpatialAxis(reader)) {
          for (String other : reader.getInputList()) {
            if (!path.contains(other)) {
              return checked(resize, traced, other);
            }
          }
        }
      }
    }
    long[] input = tracedShapes.get(imageInput);
    if (input != null && input.length == 4 && input[2] == traced.height() && input[3] == traced.width()) {
      return imageInput;
    }
    throw new ModelLoadException("model " + modelId + ": Resize '" + resize.getName() + "' was traced to "
        + traced.height() + "x" + traced.width() + " and neither feeds a channel Concat (a skip connection) nor "
        + "matches the input size, so there is no tensor to take its size from at run time", null);
  }

  private String checked(NodeProto resize, Traced traced, String target) {
    long[] shape = tracedShapes.get(target);
    if (shape != null && shape.length == 4 && (shape[2] != traced.height() || shape[3] != traced.width())) {
      throw new ModelLoadException("model " + modelId + ": Resize '" + resize.getName() + "' was traced to "
          + traced.height() + "x" + traced.width() + " but the tensor it is concatenated with, '" + target + "', was "
          + shape[2] + "x" + shape[3] + "; not rewriting a graph whose sizes do not add up", null);
    }
    return target;
  }

  private Optional<double[]> valuesOf(String tensor) {
    TensorProto t = constants.get(tensor);
    return t == null ? Optional.empty() : TensorValues.of(t);
  }

  private static boolean isSpatialAxis(NodeProto concat) {
    for (AttributeProto a : concat.getAttributeList()) {
      if (a.getName().equals("axis")) {
        return a.getI() >= 2 || a.getI() <= -1 && a.getI() >= -2;
      }
    }
    return false;
  }

  private static Optional<long[]> staticShape(ValueInfoProto info) {
    TensorShapeProto shape = info.getType().getTensorType().getShape();
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      if (!shape.getDim(i).hasDimValue()) {
        return Optional.empty();
      }
      dims[i] = shape.getDim(i).getDimValue();
    }
    return dims.length == 0 ? Optional.empty() : Optional.of(dims);
  }

  private static NodeProto node(String op, String name, List<String> inputs, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
  }

  /** @param batchAndChannels the tensor that already holds {@code [N, C]}, or null to compute it */
  private record Traced(long height, long width, String batchAndChannels) {}
}
