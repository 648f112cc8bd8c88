package dev.resolute.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelContract;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OnnxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ONNX segmentation model loaded into DJL's ONNX Runtime engine, with its descriptor and graph.
 * Owns the native model; hands out one {@link Segmenter} per thread.
 */
public final class OnnxModel implements AutoCloseable {
  public static final String ENGINE = "OnnxRuntime";

  private final ModelDescriptor descriptor;
  private final ModelProto graph;
  private final Model model;
  private final Map<Long, GraphCost> costBySize = new ConcurrentHashMap<>();

  private OnnxModel(ModelDescriptor descriptor, ModelProto graph, Model model) {
    this.descriptor = descriptor;
    this.graph = graph;
    this.model = model;
  }

  /**
   * Loads {@code model.onnx} and {@code model.json} from a directory (or the ONNX file with its
   * descriptor beside it) on the CPU.
   */
  public static OnnxModel load(Path location) {
    Path modelFile = Files.isDirectory(location) ? location.resolve("model.onnx") : location;
    Path dir = modelFile.toAbsolutePath().getParent();
    if (!Files.isRegularFile(modelFile)) {
      throw new ModelLoadException("model file " + modelFile + " does not exist", null);
    }
    ModelDescriptor descriptor = ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME));
    ModelProto graph = parseGraph(modelFile, descriptor);
    Model model = Model.newInstance(descriptor.id(), Device.cpu(), ENGINE);
    try {
      String name = modelFile.getFileName().toString().replaceFirst("\\.onnx$", "");
      model.load(dir, name);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException("model " + descriptor.id() + ": ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
    }
    return new OnnxModel(descriptor, graph, model);
  }

  private static ModelProto parseGraph(Path modelFile, ModelDescriptor descriptor) {
    ModelProto proto = OnnxFiles.read(modelFile);
    ModelContract.check(descriptor, proto.getGraph());
    return proto;
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** FLOPs and activation memory of one frame at this inference size, counted once per size. */
  public GraphCost costAt(int height, int width) {
    return costBySize.computeIfAbsent(((long) height << 32) | width, k -> GraphCost.of(graph, height, width));
  }

  public Segmenter newSegmenter() {
    return new DjlSegmenter(model, descriptor);
  }

  public String engine() {
    return ENGINE;
  }

  public String engineVersion() {
    return Engine.getEngine(ENGINE).getVersion();
  }

  @Override
  public void close() {
    model.close();
  }
}
