package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Output shapes and FLOPs of the tensor operators segmentation networks use. A multiply-add is 2
 * FLOPs; an elementwise op or a bias add 1 per output element; a pooling window 1 per element it
 * covers; a Resize 1 per output element (its interpolation is cheap next to the convolutions
 * around it); moving data (Concat, Reshape, Transpose, Cast, Slice) 0.
 */
final class OpCosts {
  private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Clip", "Exp", "Sqrt",
      "Abs", "Neg", "Log", "Reciprocal", "Erf", "Elu", "Selu", "Softplus", "HardSigmoid", "HardSwish", "Gelu",
      "Floor", "Ceil", "Round", "Sign", "Not", "Mish", "Sin", "Cos");
  private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Pow", "PRelu", "Max", "Min", "Mean",
      "Sum", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or");
  private static final Set<String> SAME_SHAPE_FREE = Set.of("Identity", "Dropout", "Cast");

  /** What a node produces: the shape of each output (null where unknown) and its FLOPs. */
  record Counted(List<long[]> outputs, double flops, double multiplyAdds) {
    Counted(List<long[]> outputs, double flops) {
      this(outputs, flops, 0);
    }

    /** A convolution or matrix product: its FLOPs are mostly {@code 2 x multiplyAdds}. */
    static Counted products(long[] shape, double flops, double multiplyAdds) {
      List<long[]> outputs = new ArrayList<>();
      outputs.add(shape);
      return new Counted(outputs, flops, multiplyAdds);
    }

    static Counted one(long[] shape, double flops) {
      List<long[]> outputs = new ArrayList<>();
      outputs.add(shape);
      return new Counted(outputs, flops);
    }
  }

  /** Shapes and known small values of a node's inputs, by position; null where unknown or absent. */
  interface Inputs {
    long[] shape(int i);

    long[] values(int i);

    /** Known values as floating point (Resize scales). */
    double[] doubles(int i);

    int count();
  }

  private OpCosts() {}

  /** The node's cost, or empty when there is no rule for it or an input it needs is unknown. */
  static Optional<Counted> count(NodeProto node, Inputs in) {
    String op = node.getOpType();
    for (int i = 0; i < Math.min(in.count(), required(op)); i++) {
      if (in.shape(i) == null) {
        return Optional.empty();
      }
    }
    if (UNARY.contains(op)) {
      return Optional.of(Counted.one(in.shape(0).clone(), Shapes.numel(in.shape(0))));
    }
    if (BINARY.contains(op)) {
      long[] out = in.shape(0);
      for (int i = 1; i < in.count(); i++) {
        if (in.shape(i) == null) {
          return Optional.empty();
        }
        out = Shapes.broadcast(out, in.shape(i));
      }
      return Optional.of(Counted.one(out, (double) Shapes.numel(out) * Math.max(1, in.count() - 1)));
    }
    if (SAME_SHAPE_FREE.contains(op)) {
      return Optional.of(Counted.one(in.shape(0).clone(), 0));
    }
    return switch (op) {
      case "Conv" -> Optional.of(conv(node, in));
      case "ConvTranspose" -> Optional.of(convTranspose(node, in));
      case "Gemm" -> Optional.of(gemm(node, in));
      case "MatMul" -> matMul(in);
      case "MaxPool", "AveragePool", "LpPool" -> Optional.of(pool(node, in));
      case "GlobalAveragePool", "GlobalMaxPool" -> Optional.of(globalPool(in));
      case "BatchNormalization" -> Optional.of(Counted.one(in.shape(0).clone(), 2.0 * Shapes.numel(in.shape(0))));
      case "Softmax", "LogSoftmax" -> Optional.of(Counted.one(in.shape(0).clone(), 3.0 * Shapes.numel(in.shape(0))));
      case "Resize", "Upsample" -> resize(node, in);
      case "Concat" -> concat(node, in);
      case "Slice" -> slice(node, in);
      case "Reshape" -> reshape(node, in);
      case "Flatten" -> Optional.of(flatten(node, in));
      case "Transpose" -> Optional.of(transpose(node, in));
      case "Squeeze", "Unsqueeze" -> squeeze(node, in);
      default -> Optional.empty();
    };
  }

  /** How many leading inputs must have known shapes (the data tensors and weights). */
  private static int required(String op) {
    return switch (op) {
      case "Conv", "ConvTranspose", "Gemm", "MatMul" -> 2;
      default -> 1;
    };
  }

  // x [N, C, *spatial], w [M, C/group, *kernel]
  private static Counted conv(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] w = in.shape(1);
    int spatial = x.length - 2;
    long[] kernel = Arrays.copyOfRange(w, 2, w.length);
    long[] out = new long[x.length];
    out[0] = x[0];
    out[1] = w[0];
    long[] sizes = windowOutput(node, Arrays.copyOfRange(x, 2, x.length), kernel, false);
    System.arraycopy(sizes, 0, out, 2, spatial);
    long outElements = Shapes.numel(out);
    double macs = (double) outElements * Shapes.numel(Arrays.copyOfRange(w, 1, w.length));
    double flops = 2.0 * macs;
    if (hasInput(node, in, 2)) {
      flops += outElements;
    }
    return Counted.products(out, flops, macs);
  }

  // x [N, C, *spatial], w [C, M/group, *kernel]: every input element scatters into a kernel window
  private static Counted convTranspose(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] w = in.shape(1);
    int spatial = x.length - 2;
    long group = Attributes.integer(node, "group", 1);
    long[] strides = Attributes.ints(node, "strides", filled(spatial, 1));
    long[] dilations = Attributes.ints(node, "dilations", filled(spatial, 1));
    long[] outputPadding = Attributes.ints(node, "output_padding", filled(spatial, 0));
    long[] pads = Attributes.ints(node, "pads", filled(2 * spatial, 0));
    long[] outputShape = Attributes.ints(node, "output_shape", null);
    String autoPad = Attributes.string(node, "auto_pad", "NOTSET");
    long[] out = new long[x.length];
    out[0] = x[0];
    out[1] = w[1] * group;
    for (int i = 0; i < spatial; i++) {
      long in0 = x[2 + i];
      if (outputShape != null) {
        out[2 + i] = outputShape[outputShape.length - spatial + i];
      } else if (autoPad.startsWith("SAME")) {
        out[2 + i] = in0 * strides[i];
      } else {
        long extent = (w[2 + i] - 1) * dilations[i] + 1;
        long padding = autoPad.equals("VALID") ? 0 : pads[i] + pads[i + spatial];
        out[2 + i] = strides[i] * (in0 - 1) + outputPadding[i] + extent - padding;
      }
    }
    double macs = (double) Shapes.numel(x) * Shapes.numel(Arrays.copyOfRange(w, 1, w.length));
    double flops = 2.0 * macs;
    if (hasInput(node, in, 2)) {
      flops += Shapes.numel(out);
    }
    return Counted.products(out, flops, macs);
  }

  private static Counted gemm(NodeProto node, Inputs in) {
    long[] a = in.shape(0);
    long[] b = in.shape(1);
    boolean transA = Attributes.integer(node, "transA", 0) != 0;
    boolean transB = Attributes.integer(node, "transB", 0) != 0;
    long m = transA ? a[1] : a[0];
    long k = transA ? a[0] : a[1];
    long n = transB ? b[0] : b[1];
    double flops = 2.0 * m * n * k + (hasInput(node, in, 2) ? m * n : 0);
    return Counted.products(new long[] {m, n}, flops, (double) m * n * k);
  }

  private static Optional<Counted> matMul(Inputs in) {
    long[] a = in.shape(0);
    long[] b = in.shape(1);
    // 1-D operands are promoted to matrices and the added axis is dropped again
    long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
    long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
    long m = a2[a2.length - 2];
    long k = a2[a2.length - 1];
    long n = b2[b2.length - 1];
    if (b2[b2.length - 2] != k) {
      return Optional.empty();
    }
    long[] batch = Shapes.broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
    List<Long> out = new ArrayList<>();
    Arrays.stream(batch).forEach(out::add);
    if (a.length > 1) {
      out.add(m);
    }
    if (b.length > 1) {
      out.add(n);
    }
    double macs = (double) Shapes.numel(batch) * m * n * k;
    return Optional.of(Counted.products(out.stream().mapToLong(Long::longValue).toArray(), 2 * macs, macs));
  }

  private static Counted pool(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] kernel = Attributes.ints(node, "kernel_shape", null);
    boolean ceil = Attributes.integer(node, "ceil_mode", 0) != 0;
    long[] out = new long[x.length];
    out[0] = x[0];
    out[1] = x[1];
    long[] sizes = windowOutput(node, Arrays.copyOfRange(x, 2, x.length), kernel, ceil);
    System.arraycopy(sizes, 0, out, 2, sizes.length);
    Counted counted = Counted.one(out, (double) Shapes.numel(out) * Shapes.numel(kernel));
    if (node.getOutputCount() > 1) {
      counted.outputs().add(out.clone()); // MaxPool's indices
    }
    return counted;
  }

  private static Counted globalPool(Inputs in) {
    long[] x = in.shape(0);
    long[] out = x.clone();
    Arrays.fill(out, 2, out.length, 1);
    return Counted.one(out, Shapes.numel(x));
  }

  /** Output spatial sizes of a sliding window: Conv (kernel from weights) or pooling. */
  private static long[] windowOutput(NodeProto node, long[] input, long[] kernel, boolean ceil) {
    int spatial = input.length;
    long[] strides = Attributes.ints(node, "strides", filled(spatial, 1));
    long[] dilations = Attributes.ints(node, "dilations", filled(spatial, 1));
    long[] pads = Attributes.ints(node, "pads", filled(2 * spatial, 0));
    String autoPad = Attributes.string(node, "auto_pad", "NOTSET");
    long[] out = new long[spatial];
    for (int i = 0; i < spatial; i++) {
      long extent = dilations[i] * (kernel[i] - 1) + 1;
      switch (autoPad) {
        case "SAME_UPPER", "SAME_LOWER" -> out[i] = Math.floorDiv(input[i] + strides[i] - 1, strides[i]);
        case "VALID" -> out[i] = (input[i] - extent) / strides[i] + 1;
        default -> {
          long span = input[i] + pads[i] + pads[i + spatial] - extent;
          out[i] = (ceil ? Math.floorDiv(span + strides[i] - 1, strides[i]) : Math.floorDiv(span, strides[i])) + 1;
          if (ceil && (out[i] - 1) * strides[i] >= input[i] + pads[i]) {
            out[i]--; // the last window must start inside the input or its leading padding
          }
        }
      }
    }
    return out;
  }

  // opset 11+: X, roi, scales, sizes; opset 10 Resize and Upsample: X, scales
  private static Optional<Counted> resize(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] sizes = in.count() > 3 ? in.values(3) : null;
    long[] out;
    if (sizes != null && sizes.length == x.length) {
      out = sizes.clone();
    } else {
      int scalesAt = in.count() > 2 ? 2 : 1;
      double[] factors = scalesAt < in.count() ? in.doubles(scalesAt) : null;
      if (factors == null || factors.length != x.length) {
        return Optional.empty();
      }
      out = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = (long) Math.floor(x[i] * factors[i]);
      }
    }
    return Optional.of(Counted.one(out, Shapes.numel(out)));
  }

  private static Optional<Counted> concat(NodeProto node, Inputs in) {
    long[] out = in.shape(0).clone();
    int axis = (int) ShapeArithmetic.normalise(Attributes.integer(node, "axis", 0), out.length);
    for (int i = 1; i < in.count(); i++) {
      if (in.shape(i) == null) {
        return Optional.empty();
      }
      out[axis] += in.shape(i)[axis];
    }
    return Optional.of(Counted.one(out, 0));
  }

  private static Optional<Counted> slice(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    List<long[]> values = new ArrayList<>();
    for (int i = 0; i < in.count(); i++) {
      values.add(in.values(i));
    }
    return Shapes.sliceRange(node, values, x).map(ranges -> {
      long[] out = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = Shapes.sliceLength(x[i], ranges[i]);
      }
      return Counted.one(out, 0);
    });
  }

  private static Optional<Counted> reshape(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] target = in.count() > 1 ? in.values(1) : Attributes.ints(node, "shape", null);
    if (target == null) {
      return Optional.empty();
    }
    boolean allowZero = Attributes.integer(node, "allowzero", 0) != 0;
    long[] out = target.clone();
    long known = 1;
    int inferred = -1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0 && !allowZero) {
        out[i] = x[i];
      }
      if (out[i] == -1) {
        inferred = i;
      } else {
        known *= out[i];
      }
    }
    if (inferred >= 0) {
      out[inferred] = known == 0 ? 0 : Shapes.numel(x) / known;
    }
    return Optional.of(Counted.one(out, 0));
  }

  private static Counted flatten(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    int axis = (int) ShapeArithmetic.normalise(Attributes.integer(node, "axis", 1), x.length);
    return Counted.one(new long[] {Shapes.numel(Arrays.copyOf(x, axis)), Shapes.numel(Arrays.copyOfRange(x, axis, x.length))}, 0);
  }

  private static Counted transpose(NodeProto node, Inputs in) {
    long[] x = in.shape(0);
    long[] perm = Attributes.ints(node, "perm", null);
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[perm == null ? x.length - 1 - i : (int) perm[i]];
    }
    return Counted.one(out, 0);
  }

  private static Optional<Counted> squeeze(NodeProto node, Inputs in) {
    long[] axes = in.count() > 1 ? in.values(1) : Attributes.ints(node, "axes", null);
    if (in.count() > 1 && axes == null) {
      return Optional.empty();
    }
    return Optional.of(Counted.one(Shapes.squeezeOrUnsqueeze(node, in.shape(0), axes), 0));
  }

  private static boolean hasInput(NodeProto node, Inputs in, int i) {
    return in.count() > i && !node.getInput(i).isEmpty();
  }

  private static long[] filled(int n, long value) {
    long[] a = new long[n];
    Arrays.fill(a, value);
    return a;
  }
}
