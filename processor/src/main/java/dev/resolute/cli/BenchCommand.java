package dev.resolute.cli;

import dev.resolute.bench.LevelBenchmark;
import dev.resolute.inference.OnnxModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Times resize, inference, upsample and PNG encoding per frame at every ladder level of each model, and writes the tables as Markdown (ratios against level 0 of the same run).")
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

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/benchmarks.md", description = "Markdown file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    String[] wh = sourceSize.toLowerCase().split("x");
    if (wh.length != 2 || !wh[0].matches("\\d+") || !wh[1].matches("\\d+")) {
      throw new UserError("--source-size must look like 768x576, got '" + sourceSize + "'");
    }
    int width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    StringBuilder md = new StringBuilder("# Per-frame cost by resolution level\n\n")
        .append("Written by `./resolute bench --model ").append(String.join(",", models)).append(" --source-size ")
        .append(sourceSize).append("` on ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores. Milliseconds are medians of ").append(runs).append(" runs of one frame (batch 1) after ")
        .append(warmUps).append(" discarded ones. Java share: resize + upsample + encode against the whole.\n\n");
    LevelBenchmark bench = new LevelBenchmark(warmUps, runs);
    for (String name : models) {
      try (OnnxModel model = devices.load(name)) {
        String table = LevelBenchmark.markdown(model.descriptor().id(), model.engine() + " on " + model.device(), width, height,
            bench.run(model, width, height));
        spec.commandLine().getOut().print(table);
        md.append(table);
      }
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }
}
