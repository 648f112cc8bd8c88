package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/** Typed reads of a node's attributes, with the defaults the ONNX operator spec gives. */
final class Attributes {
  private Attributes() {}

  static long[] ints(NodeProto node, String name, long[] fallback) {
    AttributeProto a = find(node, name);
    return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  static long integer(NodeProto node, String name, long fallback) {
    AttributeProto a = find(node, name);
    return a == null ? fallback : a.getI();
  }

  static String string(NodeProto node, String name, String fallback) {
    AttributeProto a = find(node, name);
    return a == null ? fallback : a.getS().toStringUtf8();
  }

  static boolean has(NodeProto node, String name) {
    return find(node, name) != null;
  }

  private static AttributeProto find(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }
}
