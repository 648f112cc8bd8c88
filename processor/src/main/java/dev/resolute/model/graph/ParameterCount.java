package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Learnt parameters of a graph, counted as PyTorch's {@code sum(p.numel())} counts them: every
 * float initializer element, except a BatchNormalization's running mean and variance, which are
 * buffers (statistics), not parameters.
 */
public final class ParameterCount {
  private ParameterCount() {}

  public static long of(GraphProto graph) {
    Set<String> buffers = new HashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      if (node.getOpType().equals("BatchNormalization") && node.getInputCount() >= 5) {
        buffers.add(node.getInput(3));
        buffers.add(node.getInput(4));
      }
    }
    long count = 0;
    for (TensorProto t : graph.getInitializerList()) {
      boolean floating = t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.FLOAT16_VALUE
          || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE || t.getDataType() == TensorProto.DataType.BFLOAT16_VALUE;
      if (floating && !buffers.contains(t.getName())) {
        count += t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
      }
    }
    return count;
  }
}
