package dev.resolute.inference;

import ai.djl.Device;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.resolute.config.TuningProperties;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * One way to run a model: the DJL device and the ONNX Runtime session options that put the
 * execution providers in order (TensorRT, then CUDA for what TensorRT leaves, then the CPU).
 *
 * @param name as reported in cost records: {@code cpu}, {@code cuda:0}, {@code tensorrt:0}
 */
record ExecutionTarget(DeviceChoice kind, String name, Device device) {

  static ExecutionTarget cpu() {
    return new ExecutionTarget(DeviceChoice.CPU, "cpu", Device.cpu());
  }

  static ExecutionTarget cuda(int gpu) {
    return new ExecutionTarget(DeviceChoice.CUDA, "cuda:" + gpu, Device.gpu(gpu));
  }

  static ExecutionTarget tensorRt(int gpu) {
    return new ExecutionTarget(DeviceChoice.TENSORRT, "tensorrt:" + gpu, Device.gpu(gpu));
  }

  static final String INTRA_OP_PROPERTY = "resolute.ort.intra.op.threads";
  static final String SPINNING_PROPERTY = "resolute.ort.spinning";

  /**
   * Whether ONNX Runtime's threads spin between calls, waiting for the next one. By default they
   * do not: the stream thread decodes, scales and encodes between calls, and spinning threads took
   * the cores it needed (one stream at the lowest level on 2 cores: 232 frames/s spinning, 267 not;
   * the same at the top level, within noise). {@value #SPINNING_PROPERTY}=true turns it back on.
   */
  static boolean spinning(String property) {
    return TuningProperties.flag(SPINNING_PROPERTY, property, false);
  }

  /**
   * ONNX Runtime's threads per inference call, 0 for its own default (one per core). On the CPU
   * with several stream threads calling the same session at once, each call gets its share of the
   * cores: with a thread per core per call, two stream threads on 2 cores ran 12-18% fewer frames a
   * second than with one each ({@code bench --streams 2}, docs/benchmarks.md). The property, when
   * set, wins.
   */
  static int intraOpThreads(DeviceChoice kind, int callers, int cores, String property) {
    OptionalInt asked = TuningProperties.threads(INTRA_OP_PROPERTY, property);
    if (asked.isPresent()) {
      return asked.getAsInt();
    }
    return kind == DeviceChoice.CPU && callers > 1 ? Math.max(1, cores / callers) : 0;
  }

  /**
   * Session options for DJL's {@code sessionOptions} load option; the caller closes them once the
   * session exists. On a GPU device DJL appends the CUDA provider itself after ours, which gives
   * TensorRT first with CUDA as the fallback for the ops TensorRT does not take.
   *
   * @param callers threads that call the session at once (the processor's stream threads)
   */
  SessionOptions sessionOptions(Path engineCache, boolean fp16, int callers) throws OrtException {
    SessionOptions options = new SessionOptions();
    int intraOp = intraOpThreads(kind, callers, Runtime.getRuntime().availableProcessors(), System.getProperty(INTRA_OP_PROPERTY));
    if (intraOp > 0) {
      options.setIntraOpNumThreads(intraOp);
    }
    options.addConfigEntry("session.intra_op.allow_spinning", spinning(System.getProperty(SPINNING_PROPERTY)) ? "1" : "0");
    if (kind == DeviceChoice.TENSORRT) {
      try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(device.getDeviceId())) {
        trt.add("trt_fp16_enable", fp16 ? "1" : "0");
        // TensorRT builds one engine per input shape, minutes for a large model: keep them across restarts
        trt.add("trt_engine_cache_enable", "1");
        trt.add("trt_engine_cache_path", engineCache.toString());
        trt.add("trt_timing_cache_enable", "1");
        options.addTensorrt(trt);
      } catch (OrtException | RuntimeException e) {
        options.close();
        throw e;
      }
    }
    return options;
  }
}
