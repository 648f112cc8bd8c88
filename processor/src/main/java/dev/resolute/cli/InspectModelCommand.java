package dev.resolute.cli;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelContract;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.store.ModelStore;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.OutputKind;
import dev.resolute.model.graph.TensorSignature;
import dev.resolute.pipeline.InferenceSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Prints a model's inputs, outputs and dynamic dimensions, and for each resolution level at a source size "
        + "the inference size, GFLOPs and peak activation memory counted from the graph.")
final class InspectModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME|PATH",
      description = "'generated', 'isnet' (once fetched), a model directory, or an .onnx file (model.json beside it is optional here).")
  String model;

  @Option(names = "--source-size", paramLabel = "WxH",
      description = "Source (camera) size the ladder levels are fractions of (default: the model's native size).")
  String sourceSize;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path location = ModelStore.userCache().resolve(model);
    Path modelFile = Files.isDirectory(location) ? location.resolve(ModelStore.MODEL_FILE) : location;
    if (!Files.isRegularFile(modelFile)) {
      throw new UserError(model + ": no model file " + modelFile);
    }
    Path descriptorFile = modelFile.toAbsolutePath().getParent().resolve(ModelDescriptor.FILE_NAME);
    ModelDescriptor descriptor = Files.isRegularFile(descriptorFile) ? ModelDescriptor.read(descriptorFile) : null;
    ModelProto proto = OnnxFiles.read(modelFile);
    GraphProto graph = proto.getGraph();

    out.printf("model    %s%n", descriptor == null ? "(no " + ModelDescriptor.FILE_NAME + ": the graph alone)" : descriptor.id());
    out.printf("file     %s (%.1f MiB, %d nodes, opset %s)%n", modelFile, Files.size(modelFile) / 1048576.0, graph.getNodeCount(),
        proto.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty()).map(o -> Long.toString(o.getVersion())).findFirst().orElse("?"));
    if (descriptor != null) {
      printDescriptor(out, descriptor, graph);
    }
    List<TensorSignature> inputs = TensorSignature.inputs(graph);
    List<TensorSignature> outputs = TensorSignature.outputs(graph);
    inputs.forEach(t -> out.printf("input    %s%n", t));
    outputs.forEach(t -> out.printf("output   %s%s%n", t, descriptor != null && t.name().equals(descriptor.outputName()) ? "  <- read" : ""));
    List<String> dynamic = concat(inputs, outputs).stream().filter(t -> !t.dynamicDims().isEmpty())
        .map(t -> t.name() + ": " + String.join(", ", t.dynamicDims())).toList();
    out.printf("params   %,d (float initializers, BatchNormalization's running statistics left out)%n",
        dev.resolute.model.graph.ParameterCount.of(graph));
    out.printf("dynamic  %s%n", dynamic.isEmpty() ? "none: every dim is fixed" : String.join("; ", dynamic));
    ImageSize fixed = fixedSize(inputs);

    ImageSize source = sourceSize(descriptor, fixed);
    out.printf("%nsource size %s%s%n", source, sourceSize == null ? " (native size)" : "");
    out.printf("%-6s %-9s %-10s %10s %10s %10s%n", "level", "fraction", "inference", "GFLOPs", "GMACs", "peak MB");
    List<Double> ladder = descriptor == null ? List.of(1.0) : descriptor.ladder();
    Set<String> uncounted = new LinkedHashSet<>();
    for (int level = 0; level < ladder.size(); level++) {
      ImageSize size = inferenceSize(descriptor, level, source);
      if (fixed != null && !fixed.equals(size)) {
        // counting a fixed graph at another size would describe a graph that cannot run
        out.printf("%-6d %-9.2f %-10s   the graph runs at %s only%n", level, ladder.get(level), size, fixed);
        continue;
      }
      GraphCost cost = GraphCost.of(proto, size.height(), size.width());
      uncounted.addAll(cost.uncountedOps());
      out.printf("%-6d %-9.2f %-10s %10.3f %10.3f %10.1f%n", level, ladder.get(level), size, cost.gflops(), cost.gmacs(),
          cost.peakActivationBytes() / 1e6);
    }
    out.printf("GFLOPs: a multiply-add is 2 FLOPs, plus elementwise ops; GMACs: multiply-adds of convolutions and matrix "
        + "products alone (what fvcore and thop call FLOPs)%n");
    out.printf("uncounted ops: %s%n", uncounted.isEmpty() ? "none" : String.join(", ", uncounted) + " (figures above are lower bounds)");
    return 0;
  }

  private static void printDescriptor(PrintWriter out, ModelDescriptor d, GraphProto graph) {
    if (d.source() != null) {
      out.printf("source   %s%n", d.source());
    }
    if (d.licence() != null) {
      out.printf("licence  %s%n", d.licence());
    }
    out.printf("feeds    %s, input = pixel * %s + %s, sizes rounded to multiples of %d%n", d.colourOrder(), d.scale(), d.offset(),
        d.sizeMultiple());
    out.printf("reads    %s%n", d.outputKind() == OutputKind.PROBABILITY
        ? "PROBABILITY: one channel, P(" + d.classNames().get(1) + "); " + d.classNames().get(0) + " below 0.5"
        : "LOGITS over " + d.classNames());
    try {
      ModelContract.check(d, graph);
    } catch (ModelLoadException e) {
      out.printf("MISMATCH %s%n", e.getMessage());
    }
  }

  private ImageSize sourceSize(ModelDescriptor descriptor, ImageSize fixed) {
    if (sourceSize != null) {
      try {
        return ImageSize.parse(sourceSize);
      } catch (IllegalArgumentException e) {
        throw new UserError("--source-size: " + e.getMessage());
      }
    }
    if (descriptor != null && descriptor.nativeSize() != null) {
      return descriptor.nativeSize();
    }
    if (fixed != null) {
      return fixed;
    }
    throw new UserError(model + " does not say its native size: give --source-size WxH");
  }

  /** The image size of a graph whose input height and width are fixed, else null. */
  private static ImageSize fixedSize(List<TensorSignature> inputs) {
    List<String> dims = inputs.isEmpty() ? List.of() : inputs.get(0).dims();
    if (dims.size() == 4 && dims.get(2).matches("\\d+") && dims.get(3).matches("\\d+")) {
      return new ImageSize(Integer.parseInt(dims.get(3)), Integer.parseInt(dims.get(2)));
    }
    return null;
  }

  private static ImageSize inferenceSize(ModelDescriptor descriptor, int level, ImageSize source) {
    if (descriptor == null) {
      return source;
    }
    InferenceSize size = InferenceSize.of(descriptor, level, source.width(), source.height());
    return new ImageSize(size.width(), size.height());
  }

  private static List<TensorSignature> concat(List<TensorSignature> a, List<TensorSignature> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
