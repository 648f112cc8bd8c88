package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders a graph's nodes so that every node comes after the nodes it reads from. ONNX asks for that
 * order but exporters do not always keep it (float16 converters append their casts at the end), and
 * anything that walks a graph once, front to back, needs it.
 */
public final class TopologicalOrder {
  private TopologicalOrder() {}

  /** The nodes in dependency order, ties kept in file order; a cycle is reported by node name. */
  public static List<NodeProto> of(GraphProto graph) {
    List<NodeProto> nodes = graph.getNodeList();
    Map<String, Integer> producer = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String out : nodes.get(i).getOutputList()) {
        if (!out.isEmpty()) {
          producer.put(out, i);
        }
      }
    }
    int[] waitingOn = new int[nodes.size()];
    List<List<Integer>> readers = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      readers.add(new ArrayList<>());
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).getInputList()) {
        Integer from = producer.get(in);
        if (from != null && from != i) {
          waitingOn[i]++;
          readers.get(from).add(i);
        }
      }
    }
    // ready nodes leave by file position, so an already sorted graph comes out unchanged
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (waitingOn[i] == 0) {
        ready.add(i);
      }
    }
    List<NodeProto> sorted = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      sorted.add(nodes.get(i));
      for (int reader : readers.get(i)) {
        if (--waitingOn[reader] == 0) {
          ready.add(reader);
        }
      }
    }
    if (sorted.size() != nodes.size()) {
      String stuck = "";
      for (int i = 0; i < nodes.size(); i++) {
        if (waitingOn[i] > 0) {
          stuck = nodes.get(i).getName().isEmpty() ? nodes.get(i).getOpType() : nodes.get(i).getName();
          break;
        }
      }
      throw new GraphException("graph " + graph.getName() + " has a cycle through node " + stuck);
    }
    return sorted;
  }
}
