package dev.resolute.inference;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns {@code --device} into the targets to try, in order, from what this machine has: the
 * execution providers compiled into the loaded ONNX Runtime and the GPUs CUDA reports.
 */
public final class DeviceSelector {
  private static final String GPU_BUILD_HINT = "run with the GPU build of ONNX Runtime (mvn -Pgpu package, which uses "
      + "com.microsoft.onnxruntime:onnxruntime_gpu)";

  private final EnumSet<OrtProvider> providers;
  private final int gpus;

  DeviceSelector(EnumSet<OrtProvider> providers, int gpus) {
    this.providers = providers;
    this.gpus = gpus;
  }

  /** What this machine offers. */
  public static DeviceSelector probe() {
    Engine.getEngine(OnnxModel.ENGINE); // DJL creates the one ONNX Runtime environment itself
    return new DeviceSelector(OrtEnvironment.getAvailableProviders(), CudaUtils.getGpuCount());
  }

  /** Targets to try in order; the last of an AUTO list is always the CPU. */
  List<ExecutionTarget> candidates(DeviceChoice choice) {
    List<ExecutionTarget> targets = new ArrayList<>();
    switch (choice) {
      case CPU -> targets.add(ExecutionTarget.cpu());
      case CUDA -> {
        require(OrtProvider.CUDA, "cuda");
        targets.add(ExecutionTarget.cuda(0));
      }
      case TENSORRT -> {
        require(OrtProvider.TENSOR_RT, "tensorrt");
        targets.add(ExecutionTarget.tensorRt(0));
      }
      case AUTO -> {
        if (gpus > 0 && providers.contains(OrtProvider.TENSOR_RT)) {
          targets.add(ExecutionTarget.tensorRt(0));
        }
        if (gpus > 0 && providers.contains(OrtProvider.CUDA)) {
          targets.add(ExecutionTarget.cuda(0));
        }
        targets.add(ExecutionTarget.cpu());
      }
    }
    return targets;
  }

  /** Why AUTO could not use a GPU, for the log line that says what it chose. */
  String whyNoGpu() {
    if (gpus == 0) {
      return "CUDA reports no GPU";
    }
    return "ONNX Runtime here has providers " + providers + ", no CUDA or TensorRT; " + GPU_BUILD_HINT;
  }

  private void require(OrtProvider provider, String flag) {
    if (gpus == 0) {
      throw new DeviceUnavailableException("--device " + flag + ": no NVIDIA GPU is visible (CUDA reports 0 devices); "
          + "use --device cpu or auto, or run on a machine with a GPU and its driver");
    }
    if (!providers.contains(provider)) {
      throw new DeviceUnavailableException("--device " + flag + ": the ONNX Runtime on the classpath has only "
          + providers + "; " + GPU_BUILD_HINT + (provider == OrtProvider.TENSOR_RT ? " and install TensorRT" : ""));
    }
  }
}
