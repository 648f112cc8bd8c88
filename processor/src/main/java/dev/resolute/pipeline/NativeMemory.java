package dev.resolute.pipeline;

import java.util.Locale;

/**
 * Whether a failure was an inference engine running out of native (or device) memory: ONNX Runtime
 * says "Failed to allocate memory", CUDA and TensorRT "out of memory", each wrapped by DJL in its
 * own exceptions. That failure, unlike others, goes away with a smaller batch.
 */
final class NativeMemory {
  private NativeMemory() {}

  static boolean ranOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("failed to allocate") || message.contains("out of memory") || message.contains("bad_alloc")) {
        return true;
      }
    }
    return false;
  }
}
