package dev.resolute.inference;

import ai.djl.Device;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import java.nio.file.Path;

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

  /**
   * Session options for DJL's {@code sessionOptions} load option; the caller closes them once the
   * session exists. On a GPU device DJL appends the CUDA provider itself after ours, which gives
   * TensorRT first with CUDA as the fallback for the ops TensorRT does not take.
   */
  SessionOptions sessionOptions(Path engineCache, boolean fp16) throws OrtException {
    SessionOptions options = new SessionOptions();
    // ONNX Runtime's default is one intra-op thread per core; with several stream threads on a small
    // machine fewer may do more (bench --streams measures it)
    String intraOp = System.getProperty("resolute.ort.intra.op.threads");
    if (intraOp != null) {
      options.setIntraOpNumThreads(Integer.parseInt(intraOp));
    }
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
