package dev.resolute.inference;

import java.util.Locale;

/** Where inference should run, as the user asked: {@code --device cpu|cuda|tensorrt|auto}. */
public enum DeviceChoice {
  /** TensorRT when it works here, else CUDA, else the CPU; the choice is logged with its reason. */
  AUTO,
  CPU,
  CUDA,
  TENSORRT;

  public static DeviceChoice parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DeviceUnavailableException("--device must be cpu, cuda, tensorrt or auto, got '" + name + "'");
    }
  }
}
