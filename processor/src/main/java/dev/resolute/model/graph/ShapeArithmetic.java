package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * Evaluates the small integer and float tensors a graph computes from shapes (Shape, Gather,
 * Slice, Concat, Cast, Unsqueeze, arithmetic), so that the size a Resize or Reshape produces is
 * known at a given input size without running the network.
 */
final class ShapeArithmetic {
  private ShapeArithmetic() {}

  /** The values of the node's first output, if they follow from what is known. */
  static Optional<Folded> fold(NodeProto node, Map<String, long[]> shapes, Map<String, Folded> known) {
    String op = node.getOpType();
    if (op.equals("Constant")) {
      return constant(node);
    }
    if (op.equals("Shape")) {
      long[] shape = shapes.get(node.getInput(0));
      if (shape == null) {
        return Optional.empty();
      }
      int rank = shape.length;
      int start = (int) clamp(normalise(Attributes.integer(node, "start", 0), rank), 0, rank);
      int end = (int) clamp(normalise(Attributes.integer(node, "end", rank), rank), start, rank);
      double[] values = new double[end - start];
      for (int i = start; i < end; i++) {
        values[i - start] = shape[i];
      }
      return Optional.of(Folded.vector(values, true));
    }
    List<Folded> in = new ArrayList<>();
    for (String name : node.getInputList()) {
      Folded f = name.isEmpty() ? null : known.get(name);
      if (f == null && !name.isEmpty()) {
        return Optional.empty();
      }
      in.add(f);
    }
    if (in.isEmpty()) {
      return Optional.empty();
    }
    Optional<Folded> out = switch (op) {
      case "Identity" -> Optional.of(in.get(0));
      case "Cast" -> Optional.of(cast(in.get(0), (int) Attributes.integer(node, "to", TensorProto.DataType.FLOAT_VALUE)));
      case "Gather" -> gather(node, in);
      case "Slice" -> slice(node, in);
      case "Concat" -> concat(in);
      case "Unsqueeze", "Squeeze" -> Optional.of(new Folded(in.get(0).values(),
          Shapes.squeezeOrUnsqueeze(node, in.get(0).shape(), axes(node, in)), in.get(0).integral()));
      case "Add" -> binary(in, Double::sum);
      case "Sub" -> binary(in, (a, b) -> a - b);
      case "Mul" -> binary(in, (a, b) -> a * b);
      case "Div" -> binary(in, in.get(0).integral() ? (a, b) -> (double) ((long) a / (long) b) : (a, b) -> a / b);
      case "Floor" -> Optional.of(map(in.get(0), Math::floor));
      case "Ceil" -> Optional.of(map(in.get(0), Math::ceil));
      default -> Optional.empty();
    };
    return out.filter(f -> f.values().length <= TensorValues.MAX_ELEMENTS);
  }

  private static Optional<Folded> constant(NodeProto node) {
    Optional<TensorProto> tensor = TensorValues.constantNodeValue(node);
    if (tensor.isPresent()) {
      TensorProto t = tensor.get();
      long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
      return TensorValues.of(t).map(v -> new Folded(v, dims, TensorValues.isIntegral(t.getDataType())));
    }
    for (AttributeProto a : node.getAttributeList()) {
      switch (a.getName()) {
        case "value_int" -> {
          return Optional.of(new Folded(new double[] {a.getI()}, new long[0], true));
        }
        case "value_ints" -> {
          return Optional.of(Folded.vector(a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray(), true));
        }
        case "value_float" -> {
          return Optional.of(new Folded(new double[] {a.getF()}, new long[0], false));
        }
        case "value_floats" -> {
          double[] v = new double[a.getFloatsCount()];
          for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
          }
          return Optional.of(Folded.vector(v, false));
        }
        default -> { }
      }
    }
    return Optional.empty();
  }

  private static Folded cast(Folded in, int to) {
    boolean integral = TensorValues.isIntegral(to);
    return integral ? new Folded(map(in, v -> (double) (long) v).values(), in.shape(), true)
        : new Folded(in.values(), in.shape(), false);
  }

  private static Optional<Folded> gather(NodeProto node, List<Folded> in) {
    Folded data = in.get(0);
    Folded indices = in.get(1);
    if (data.shape().length != 1 || Attributes.integer(node, "axis", 0) != 0) {
      return Optional.empty();
    }
    double[] out = new double[indices.values().length];
    for (int i = 0; i < out.length; i++) {
      long index = normalise((long) indices.values()[i], data.values().length);
      if (index < 0 || index >= data.values().length) {
        return Optional.empty();
      }
      out[i] = data.values()[(int) index];
    }
    return Optional.of(new Folded(out, indices.shape(), data.integral()));
  }

  private static Optional<Folded> slice(NodeProto node, List<Folded> in) {
    Folded data = in.get(0);
    if (data.shape().length != 1) {
      return Optional.empty();
    }
    List<long[]> inputs = in.stream().map(f -> f == null ? null : f.asLongs()).toList();
    Optional<long[]> range = Shapes.sliceRange(node, inputs, new long[] {data.values().length}).map(ranges -> ranges[0]);
    if (range.isEmpty()) {
      return Optional.empty();
    }
    long[] r = range.get(); // start, end, step, already clamped; the count follows
    long count = Shapes.sliceLength(data.values().length, r);
    double[] out = new double[(int) count];
    for (int i = 0; i < count; i++) {
      out[i] = data.values()[(int) (r[0] + i * r[2])];
    }
    return Optional.of(Folded.vector(out, data.integral()));
  }

  private static Optional<Folded> concat(List<Folded> in) {
    int total = 0;
    for (Folded f : in) {
      if (f == null || f.shape().length != 1) {
        return Optional.empty();
      }
      total += f.values().length;
    }
    double[] out = new double[total];
    int at = 0;
    for (Folded f : in) {
      System.arraycopy(f.values(), 0, out, at, f.values().length);
      at += f.values().length;
    }
    return Optional.of(Folded.vector(out, in.get(0).integral()));
  }

  private static Optional<Folded> binary(List<Folded> in, DoubleBinaryOperator op) {
    Folded a = in.get(0);
    Folded b = in.get(1);
    int n = Math.max(a.values().length, b.values().length);
    if (a.values().length != n && a.values().length != 1 || b.values().length != n && b.values().length != 1) {
      return Optional.empty();
    }
    double[] out = new double[n];
    try {
      for (int i = 0; i < n; i++) {
        out[i] = op.applyAsDouble(a.values()[a.values().length == 1 ? 0 : i], b.values()[b.values().length == 1 ? 0 : i]);
      }
    } catch (ArithmeticException e) {
      return Optional.empty(); // integer division by zero: the runtime would fail there, not us
    }
    long[] shape = Shapes.broadcast(a.shape(), b.shape());
    return Optional.of(new Folded(out, shape, a.integral()));
  }

  private static Folded map(Folded in, java.util.function.DoubleUnaryOperator f) {
    return new Folded(Arrays.stream(in.values()).map(f).toArray(), in.shape(), in.integral());
  }

  private static long[] axes(NodeProto node, List<Folded> in) {
    if (in.size() > 1 && in.get(1) != null) {
      return in.get(1).asLongs();
    }
    return Attributes.ints(node, "axes", null);
  }

  static long normalise(long index, long size) {
    return index < 0 ? index + size : index;
  }

  static long clamp(long v, long low, long high) {
    return Math.max(low, Math.min(high, v));
  }
}
