package dev.resolute.cli;

import dev.resolute.inference.DeviceChoice;
import dev.resolute.inference.DeviceSelector;
import dev.resolute.inference.OnnxModel;
import dev.resolute.model.store.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --fp16}, shared by the commands that load a model. */
public final class DeviceOptions {
  @Option(names = "--device", paramLabel = "cpu|cuda|tensorrt|auto", defaultValue = "auto",
      description = "Where inference runs; auto tries TensorRT, then CUDA, then the CPU and logs its choice (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--fp16", description = "Let TensorRT build half-precision engines.")
  boolean fp16;

  /** Loads a model by name or path on the chosen device, for one thread's inference calls. */
  public OnnxModel load(String model) {
    return load(model, 1);
  }

  /** As {@link #load(String)}, for {@code callers} threads (stream threads) calling it at once. */
  public OnnxModel load(String model, int callers) {
    ModelStore store = ModelStore.userCache();
    Path dir = store.resolve(model);
    DeviceChoice choice = DeviceChoice.parse(device);
    Path engines = store.engineCache(dir);
    try {
      Files.createDirectories(engines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the TensorRT engine cache " + engines, e);
    }
    return OnnxModel.load(dir, choice, DeviceSelector.probe(), engines, fp16, callers);
  }
}
