package dev.resolute.model.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Reads the values of small constant tensors (shapes, sizes, scales, axes): enough to know what a
 * graph computes from shapes, never meant for weights.
 */
public final class TensorValues {
  /** Larger constants are weights or data, not shape arithmetic. */
  static final int MAX_ELEMENTS = 64;

  private TensorValues() {}

  /** The values of an integer or floating-point tensor as doubles, if small and of a known type. */
  public static Optional<double[]> of(TensorProto t) {
    long count = 1;
    for (long d : t.getDimsList()) {
      count *= d;
    }
    if (count > MAX_ELEMENTS || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return Optional.empty();
    }
    int n = (int) count;
    double[] values = new double[n];
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean hasRaw = raw.remaining() > 0;
    switch (t.getDataType()) {
      case TensorProto.DataType.INT64_VALUE -> {
        for (int i = 0; i < n; i++) {
          values[i] = hasRaw ? raw.getLong() : t.getInt64Data(i);
        }
      }
      case TensorProto.DataType.INT32_VALUE -> {
        for (int i = 0; i < n; i++) {
          values[i] = hasRaw ? raw.getInt() : t.getInt32Data(i);
        }
      }
      case TensorProto.DataType.FLOAT_VALUE -> {
        for (int i = 0; i < n; i++) {
          values[i] = hasRaw ? raw.getFloat() : t.getFloatData(i);
        }
      }
      case TensorProto.DataType.DOUBLE_VALUE -> {
        for (int i = 0; i < n; i++) {
          values[i] = hasRaw ? raw.getDouble() : t.getDoubleData(i);
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  static boolean isIntegral(int dataType) {
    return switch (dataType) {
      case TensorProto.DataType.INT64_VALUE, TensorProto.DataType.INT32_VALUE, TensorProto.DataType.INT16_VALUE,
          TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.UINT16_VALUE,
          TensorProto.DataType.UINT32_VALUE, TensorProto.DataType.UINT64_VALUE, TensorProto.DataType.BOOL_VALUE -> true;
      default -> false;
    };
  }

  /** The tensor a {@code Constant} node holds in its {@code value} attribute, if it has one. */
  public static Optional<TensorProto> constantNodeValue(NodeProto node) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals("value") && a.hasT()) {
        return Optional.of(a.getT());
      }
    }
    return Optional.empty();
  }

  public static TensorProto int64s(String name, long... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return t.build();
  }
}
