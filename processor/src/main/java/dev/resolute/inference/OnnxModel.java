package dev.resolute.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
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
    try (InputStream in = Files.newInputStream(modelFile)) {
      com.google.protobuf.CodedInputStream coded = com.google.protobuf.CodedInputStream.newInstance(in);
      coded.setSizeLimit(Integer.MAX_VALUE); // real models exceed protobuf's 64 MB default
      ModelProto proto = ModelProto.parseFrom(coded);
      boolean hasInput = proto.getGraph().getInputList().stream().anyMatch(v -> v.getName().equals(descriptor.inputName()));
      boolean hasOutput = proto.getGraph().getOutputList().stream().anyMatch(v -> v.getName().equals(descriptor.outputName()));
      if (!hasInput || !hasOutput) {
        throw new ModelLoadException("model " + descriptor.id() + ": descriptor names input '" + descriptor.inputName()
            + "' and output '" + descriptor.outputName() + "', the graph has inputs "
            + proto.getGraph().getInputList().stream().map(v -> v.getName()).toList() + " and outputs "
            + proto.getGraph().getOutputList().stream().map(v -> v.getName()).toList(), null);
      }
      return proto;
    } catch (IOException e) {
      throw new ModelLoadException("model file " + modelFile + " is not a readable ONNX model: " + e.getMessage(), e);
    }
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
