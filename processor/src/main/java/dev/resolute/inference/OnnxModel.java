package dev.resolute.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelContract;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.rewrite.LabelTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ONNX segmentation model loaded into DJL's ONNX Runtime engine, with its descriptor and graph.
 * Owns the native model; hands out one {@link Segmenter} per thread.
 */
public final class OnnxModel implements AutoCloseable {
  public static final String ENGINE = "OnnxRuntime";
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OnnxModel.class);

  private final ModelDescriptor descriptor;
  private final ModelProto graph;
  private final Model model;
  private final String device;
  private final Path file;
  private final Map<Long, GraphCost> costBySize = new ConcurrentHashMap<>();
  private final ExecutionTarget target;
  private final Path engineCache;
  private final boolean fp16;
  /** Threads that run inference on it at once, which share the session's cores on the CPU. */
  private final int callers;
  private final UpsampleChooser upsampleChooser = UpsampleChooser.fromSystemProperty();
  /** Every inference on this model's sessions passes it, so that they are never freed under one. */
  private final RunGate runs = new RunGate();
  /** The graph with the upsample-and-argmax tail, loaded on first use; null until then. */
  private Model labelModel;
  private boolean closed; // guarded by this

  private OnnxModel(ModelDescriptor descriptor, ModelProto graph, Model model, ExecutionTarget target, Path file,
      Path engineCache, boolean fp16, int callers) {
    this.target = target;
    this.engineCache = engineCache;
    this.fp16 = fp16;
    this.callers = callers;
    this.device = target.name();
    this.file = file;
    this.descriptor = descriptor;
    this.graph = graph;
    this.model = model;
  }

  /** Loads a model on the CPU. */
  public static OnnxModel load(Path location) {
    return load(location, DeviceChoice.CPU, DeviceSelector.probe(), Path.of(System.getProperty("java.io.tmpdir"), "resolute-trt"), false);
  }

  /**
   * Loads {@code model.onnx} and {@code model.json} from a directory (or the ONNX file with its
   * descriptor beside it) on the device asked for. With AUTO, a target whose provider fails to
   * start (a GPU build without TensorRT's libraries, say) is logged and the next one tried.
   *
   * @param engineCache where TensorRT keeps the engines it builds, one per input shape
   */
  public static OnnxModel load(Path location, DeviceChoice choice, DeviceSelector devices, Path engineCache, boolean fp16) {
    return load(location, choice, devices, engineCache, fp16, 1);
  }

  /** @param callers threads that will run inference on it at once: on the CPU they share the cores */
  public static OnnxModel load(Path location, DeviceChoice choice, DeviceSelector devices, Path engineCache, boolean fp16,
      int callers) {
    Path modelFile = Files.isDirectory(location) ? location.resolve("model.onnx") : location;
    Path dir = modelFile.toAbsolutePath().getParent();
    if (!Files.isRegularFile(modelFile)) {
      throw new ModelLoadException("model file " + modelFile + " does not exist", null);
    }
    ModelDescriptor descriptor = ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME));
    ModelProto graph = parseGraph(modelFile, descriptor);
    String name = modelFile.getFileName().toString().replaceFirst("\\.onnx$", "");
    List<ExecutionTarget> targets = devices.candidates(choice);
    for (int i = 0; i < targets.size(); i++) {
      ExecutionTarget target = targets.get(i);
      boolean lastResort = i == targets.size() - 1;
      Model model = Model.newInstance(descriptor.id(), target.device(), ENGINE);
      try (SessionOptions options = target.sessionOptions(engineCache, fp16, callers)) {
        // the session copies what it needs from the options: they can be freed right after
        model.load(dir, name, Map.of("sessionOptions", options));
        if (choice == DeviceChoice.AUTO) {
          log.info("--device auto chose {}{}", target.name(),
              target.kind() == DeviceChoice.CPU && i == 0 ? " (" + devices.whyNoGpu() + ")" : "");
        }
        return new OnnxModel(descriptor, graph, model, target, modelFile, engineCache, fp16, callers);
      } catch (IOException | MalformedModelException | ai.onnxruntime.OrtException | RuntimeException e) {
        model.close();
        if (lastResort || choice != DeviceChoice.AUTO) {
          throw new ModelLoadException("model " + descriptor.id() + ": ONNX Runtime cannot load " + modelFile + " on "
              + target.name() + ": " + e.getMessage(), e);
        }
        log.warn("--device auto: {} failed to start ({}); trying {}", target.name(), e.getMessage(), targets.get(i + 1).name());
      }
    }
    throw new IllegalStateException("no execution target was tried"); // candidates() always yields one
  }

  private static ModelProto parseGraph(Path modelFile, ModelDescriptor descriptor) {
    ModelProto proto = OnnxFiles.read(modelFile);
    ModelContract.check(descriptor, proto.getGraph());
    return proto;
  }

  /** The folder of the model file, where its {@code model.json} (and a {@code profile.json}) live. */
  public Path directory() {
    return file.toAbsolutePath().getParent();
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** FLOPs and activation memory of one frame at this inference size, counted once per size. */
  public GraphCost costAt(int height, int width) {
    return costBySize.computeIfAbsent(((long) height << 32) | width, k -> GraphCost.of(graph, height, width));
  }

  public Segmenter newSegmenter() {
    return new DjlSegmenter(model, this::labelModel, descriptor, device, runs);
  }

  /** Where each inference size's output is upsampled, measured per model and device. */
  public UpsampleChooser upsampleChooser() {
    return upsampleChooser;
  }

  /**
   * The graph with {@link LabelTail}'s upsample-and-argmax appended, in a second session on the
   * same device: loaded on first use, so a deployment that measures the Java path faster pays for it
   * once (a model the tail cannot be appended to is reported and runs the Java path).
   */
  synchronized Model labelModel() {
    if (labelModel == null) {
      ModelProto tailed = LabelTail.append(graph, descriptor);
      Model loaded = Model.newInstance(descriptor.id() + "-labels", target.device(), ENGINE);
      try (SessionOptions options = target.sessionOptions(engineCache, fp16, callers)) {
        loaded.load(new java.io.ByteArrayInputStream(tailed.toByteArray()), Map.of("sessionOptions", options));
      } catch (IOException | MalformedModelException | ai.onnxruntime.OrtException | RuntimeException e) {
        loaded.close();
        throw new ModelLoadException("model " + descriptor.id() + ": ONNX Runtime cannot load the graph with the "
            + "upsample-and-argmax tail on " + target.name() + ": " + e.getMessage(), e);
      }
      labelModel = loaded;
    }
    return labelModel;
  }

  /**
   * The most frames one inference call may carry: {@code wanted}, unless the graph fixes its batch
   * dim (many exports fix it at 1), in which case frames go one call per frame.
   */
  public int batchLimit(int wanted) {
    int fixed = dev.resolute.model.graph.TensorSignature.inputs(graph.getGraph()).stream()
        .filter(t -> t.name().equals(descriptor.inputName())).findFirst().map(dev.resolute.model.graph.TensorSignature::fixedBatch).orElse(0);
    return fixed > 0 ? Math.min(wanted, fixed) : wanted;
  }

  /** Where it runs, as cost records report it: {@code cpu}, {@code cuda:0}, {@code tensorrt:0}. */
  public String device() {
    return device;
  }

  /**
   * What measured costs are keyed by: the ONNX file's hash (not its name, which an update keeps)
   * and the device, since the same model costs differently on another.
   */
  public String costKey() {
    return dev.resolute.model.store.ModelStore.shortSha256(file) + "-" + device;
  }

  public String engine() {
    return ENGINE;
  }

  public String engineVersion() {
    return Engine.getEngine(ENGINE).getVersion();
  }

  /**
   * Lets no new inference start (a caller that asks waits for the process to end) and waits up to
   * {@code timeout} for those running; true when none is. For a shutdown whose threads did not all
   * stop: the sessions are then left to the process exit, which no native run can race any more.
   */
  public boolean stopRuns(Duration timeout) {
    return runs.shut(timeout);
  }

  /** Frees the sessions once no inference runs on them; one still running after 30 s keeps them (logged). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!stopRuns(Duration.ofSeconds(30))) {
      log.warn("model {}: {} inference(s) still running after 30 s; its sessions are left to the process exit",
          descriptor.id(), runs.running());
      return;
    }
    closed = true;
    if (labelModel != null) {
      labelModel.close();
    }
    model.close();
  }
}
