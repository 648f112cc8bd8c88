package dev.resolute.model;

import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/**
 * Runs a graph once through ONNX Runtime (CPU), straight from its protobuf: for checking a
 * rewritten graph against its original, where DJL's model directories and translators would only
 * be in the way.
 */
public final class OrtRun {
  private OrtRun() {}

  /** A float32 tensor and its shape. */
  public record Tensor(float[] values, long[] shape) {
    /** The largest absolute element-wise difference; shapes must match. */
    public double maxAbsDifference(Tensor other) {
      if (!java.util.Arrays.equals(shape, other.shape)) {
        throw new IllegalArgumentException("shapes differ: " + java.util.Arrays.toString(shape) + " and "
            + java.util.Arrays.toString(other.shape));
      }
      double max = 0;
      for (int i = 0; i < values.length; i++) {
        max = Math.max(max, Math.abs((double) values[i] - other.values[i]));
      }
      return max;
    }
  }

  /**
   * The process has one ONNX Runtime environment, and DJL insists on creating it (with its thread
   * pool options) or fails; so DJL's engine starts first and this shares what it made.
   */
  private static OrtEnvironment environment() {
    Engine.getEngine("OnnxRuntime");
    return OrtEnvironment.getEnvironment();
  }

  /** Feeds {@code input} to the graph input {@code inputName} and returns output {@code outputName}. */
  public static Tensor run(ModelProto model, String inputName, Tensor input, String outputName) {
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model.toByteArray(), options);
        OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.values()), input.shape());
        OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
      OnnxValue value = result.get(outputName).orElseThrow(
          () -> new ModelLoadException("graph gave no output '" + outputName + "'", null));
      OnnxTensor out = (OnnxTensor) value;
      FloatBuffer buffer = out.getFloatBuffer();
      float[] values = new float[buffer.remaining()];
      buffer.get(values);
      return new Tensor(values, out.getInfo().getShape());
    } catch (OrtException e) {
      throw new ModelLoadException("ONNX Runtime cannot run graph " + model.getGraph().getName() + " on "
          + java.util.Arrays.toString(input.shape()) + ": " + e.getMessage(), e);
    }
  }
}
