package dev.resolute.workbench.cli;

import dev.resolute.cli.DeviceOptions;
import dev.resolute.cli.HomePath;
import dev.resolute.cli.UserError;
import dev.resolute.inference.OnnxModel;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.workbench.bench.BenchClip;
import dev.resolute.workbench.bench.LevelBenchmark;
import dev.resolute.workbench.bench.PipelineBenchmark;
import dev.resolute.workbench.bench.PngSettings;
import dev.resolute.workbench.bench.ResizeQuality;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Times decode, prepare, inference, upsample and PNG encoding per frame at every ladder level of each model, "
        + "the whole pipeline against a bare loop of the same inferences, and writes the tables as Markdown "
        + "(ratios against the same run).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeviceOptions devices;

  @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = "generated", split = ",",
      description = "Models to measure, comma-separated (default: ${DEFAULT-VALUE}; e.g. generated,isnet).")
  List<String> models;

  @Option(names = "--source-size", paramLabel = "WxH", defaultValue = "768x576", description = "Camera resolution (default: ${DEFAULT-VALUE}).")
  String sourceSize;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs per level; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warm-ups", defaultValue = "2", description = "Discarded runs per level first (default: ${DEFAULT-VALUE}).")
  int warmUps;

  @Option(names = "--pipeline-seconds", defaultValue = "2",
      description = "Seconds of generated footage (12 frames a second) the pipeline and bare loops run on; 0 skips them (default: ${DEFAULT-VALUE}).")
  int pipelineSeconds;

  @Option(names = "--pipeline-levels", paramLabel = "N,...", split = ",",
      description = "Levels the pipeline and bare loops run at (default: every level).")
  List<Integer> pipelineLevels;

  @Option(names = "--max-batch", defaultValue = "8", description = "Frames per inference call in the pipeline, as the processor's --max-batch (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--streams", defaultValue = "1", description = "Pipelines (and bare loops) run at once, as stream threads would (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--repeats", defaultValue = "2", description = "Timed pipeline and bare passes, alternated; the best counts (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = HomePath.OUTPUTS + "/benchmarks.md", converter = HomePath.class,
      description = "Markdown file to write (default: ${DEFAULT-VALUE}; the repository's figures are docs/benchmarks.md).")
  Path out;

  @Override
  public Integer call() throws Exception {
    String[] wh = sourceSize.toLowerCase().split("x");
    if (wh.length != 2 || !wh[0].matches("\\d+") || !wh[1].matches("\\d+")) {
      throw new UserError("--source-size must look like 768x576, got '" + sourceSize + "'");
    }
    if (pipelineSeconds < 0 || streams < 1 || maxBatch < 1 || repeats < 1) {
      throw new UserError("--pipeline-seconds must be >= 0, and --streams, --max-batch and --repeats >= 1");
    }
    int width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    StringBuilder md = new StringBuilder("# Per-frame cost by resolution level\n\n")
        .append("Written by `./resolute bench --model ").append(String.join(",", models)).append(" --source-size ")
        .append(sourceSize).append("` on ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores. Milliseconds are medians of ").append(runs).append(" runs of one frame (batch 1) after ")
        .append(warmUps).append(" discarded ones per level, after a second of passes at the cheapest level so that the Java ")
        .append("steps run compiled; each run decodes a chunk of a generated H.264 clip at the source size. Outside inference: ")
        .append("decode + prepare (FFmpeg scale to the inference size, in planes, normalise) + upsample-and-argmax (where it measures ")
        .append("faster: Java, or the graph's addition to the inference call) + PNG encode.\n\n");
    BenchClip clip = BenchClip.generate(width, height, Math.max(1, pipelineSeconds));
    LevelBenchmark bench = new LevelBenchmark(warmUps, runs);
    for (String name : models) {
      try (OnnxModel model = devices.load(name, streams)) {
        String table = LevelBenchmark.markdown(model.descriptor().id(), model.engine() + " on " + model.device(), width, height,
            bench.run(model, clip));
        emit(md, table);
        if (pipelineSeconds > 0) {
          PipelineBenchmark pipeline = new PipelineBenchmark(maxBatch, repeats, streams);
          List<PipelineBenchmark.Result> results = new ArrayList<>();
          int levels = model.descriptor().ladder().size();
          for (int level = 0; level < levels; level++) {
            if (pipelineLevels == null || pipelineLevels.contains(level)) {
              results.add(pipeline.run(model, clip, level));
            }
          }
          emit(md, PipelineBenchmark.markdown(model.descriptor().id() + ", batches of up to " + maxBatch
              + ", demo-like: decode, segment, serialise", results));
        }
        if (model.descriptor().id().equals(RgbSegmenterModel.ID)) {
          emit(md, ResizeQuality.markdown(new ResizeQuality(8).run(model, clip)));
        }
      }
    }
    emit(md, PngSettings.markdown(new PngSettings(runs).run(clip)));
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }

  private void emit(StringBuilder md, String table) {
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().flush();
    md.append(table);
  }
}
