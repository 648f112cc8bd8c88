package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Shape rules that several operators share: broadcasting, slicing, inserting and removing axes. */
final class Shapes {
  private Shapes() {}

  static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Numpy-style broadcasting of two shapes. */
  static long[] broadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      out[i] = da == 1 ? db : db == 1 ? da : Math.max(da, db);
    }
    return out;
  }

  static long[] squeezeOrUnsqueeze(NodeProto node, long[] shape, long[] axes) {
    if (node.getOpType().equals("Unsqueeze")) {
      int rank = shape.length + (axes == null ? 0 : axes.length);
      boolean[] inserted = new boolean[rank];
      for (long axis : axes == null ? new long[0] : axes) {
        inserted[(int) ShapeArithmetic.normalise(axis, rank)] = true;
      }
      long[] out = new long[rank];
      for (int i = 0, from = 0; i < rank; i++) {
        out[i] = inserted[i] ? 1 : shape[from++];
      }
      return out;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      final int axis = i;
      boolean listed = axes == null ? shape[i] == 1
          : Arrays.stream(axes).anyMatch(a -> ShapeArithmetic.normalise(a, shape.length) == axis);
      if (!listed) {
        out.add(shape[i]);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * For each axis of a tensor of shape {@code dims}: {@code {start, end, step}} of a Slice after
   * ONNX's clamping; empty when the starts or ends are not known.
   *
   * @param inputs the node's inputs as known integer values (null where unknown): data, starts,
   *     ends, axes, steps; opset 1-9 give starts, ends and axes as attributes instead
   */
  static Optional<long[][]> sliceRange(NodeProto node, List<long[]> inputs, long[] dims) {
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps = null;
    if (inputs.size() >= 3) {
      starts = inputs.get(1);
      ends = inputs.get(2);
      axes = inputs.size() > 3 ? inputs.get(3) : null;
      steps = inputs.size() > 4 ? inputs.get(4) : null;
      if (inputs.size() > 3 && axes == null && !node.getInput(3).isEmpty()
          || inputs.size() > 4 && steps == null && !node.getInput(4).isEmpty()) {
        return Optional.empty();
      }
    } else {
      starts = Attributes.ints(node, "starts", null);
      ends = Attributes.ints(node, "ends", null);
      axes = Attributes.ints(node, "axes", null);
    }
    if (starts == null || ends == null || starts.length != ends.length) {
      return Optional.empty();
    }
    long[][] ranges = new long[dims.length][];
    for (int i = 0; i < dims.length; i++) {
      ranges[i] = new long[] {0, dims[i], 1};
    }
    for (int i = 0; i < starts.length; i++) {
      int axis = (int) ShapeArithmetic.normalise(axes == null ? i : axes[i], dims.length);
      long step = steps == null ? 1 : steps[i];
      long dim = dims[axis];
      long start = ShapeArithmetic.normalise(starts[i], dim);
      long end = ends[i] < 0 && ends[i] >= -dim ? ends[i] + dim : ends[i] < 0 ? -1 : ends[i];
      if (step > 0) {
        ranges[axis] = new long[] {ShapeArithmetic.clamp(start, 0, dim), ShapeArithmetic.clamp(end, 0, dim), step};
      } else {
        ranges[axis] = new long[] {ShapeArithmetic.clamp(start, 0, dim - 1), ShapeArithmetic.clamp(end, -1, dim - 1), step};
      }
    }
    return Optional.of(ranges);
  }

  /** How many elements a clamped {@code {start, end, step}} range selects. */
  static long sliceLength(long dim, long[] range) {
    long start = range[0];
    long end = range[1];
    long step = range[2];
    long n = step > 0 ? Math.floorDiv(end - start + step - 1, step) : Math.floorDiv(start - end - step - 1, -step);
    return Math.max(0, Math.min(n, dim));
  }
}
