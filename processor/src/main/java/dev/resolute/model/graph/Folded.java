package dev.resolute.model.graph;

/**
 * A small tensor whose values are known without running the graph: a constant, or arithmetic on
 * shapes (what exporters emit to compute a Resize's size or a Reshape's target).
 *
 * @param values row-major, at most {@link TensorValues#MAX_ELEMENTS}
 * @param shape dimensions, empty for a scalar
 * @param integral whether the element type is an integer type (for Cast and integer division)
 */
record Folded(double[] values, long[] shape, boolean integral) {
  static Folded vector(double[] values, boolean integral) {
    return new Folded(values, new long[] {values.length}, integral);
  }

  long[] asLongs() {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (long) values[i];
    }
    return out;
  }
}
