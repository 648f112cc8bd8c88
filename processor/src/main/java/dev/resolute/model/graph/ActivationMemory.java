package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Peak activation memory of a forward pass run node by node in a given order: the largest sum of
 * tensors alive at once, a tensor living from the node that makes it (the start, for graph inputs)
 * to its last reader (the end, for graph outputs).
 */
final class ActivationMemory {
  private ActivationMemory() {}

  /**
   * @param bytes the size of every tensor that counts; tensors absent from it (weights, shape
   *     arithmetic, unknown shapes) do not
   */
  static long peak(List<NodeProto> order, Set<String> inputs, Set<String> outputs, Map<String, Long> bytes) {
    int n = order.size();
    Map<String, Integer> born = new HashMap<>();
    Map<String, Integer> lastRead = new HashMap<>();
    inputs.forEach(name -> born.put(name, 0));
    for (int i = 0; i < n; i++) {
      for (String in : order.get(i).getInputList()) {
        lastRead.put(in, i);
      }
      for (String out : order.get(i).getOutputList()) {
        born.putIfAbsent(out, i);
      }
    }
    outputs.forEach(name -> lastRead.put(name, n));
    long[] change = new long[n + 2];
    for (var entry : born.entrySet()) {
      Long size = bytes.get(entry.getKey());
      if (size == null) {
        continue;
      }
      int from = entry.getValue();
      int to = Math.max(from, lastRead.getOrDefault(entry.getKey(), from));
      change[from] += size;
      change[to + 1] -= size;
    }
    long alive = 0;
    long peak = 0;
    for (int i = 0; i < Math.max(n, 1); i++) {
      alive += change[i];
      peak = Math.max(peak, alive);
    }
    return peak;
  }
}
