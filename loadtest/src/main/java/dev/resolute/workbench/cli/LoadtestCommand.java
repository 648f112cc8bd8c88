package dev.resolute.workbench.cli;

import dev.resolute.cli.ControlOptions;
import dev.resolute.cli.DeviceOptions;
import dev.resolute.cli.ExitCodes;
import dev.resolute.cli.ShutdownSignal;
import dev.resolute.model.store.ModelStore;
import dev.resolute.workbench.loadtest.LoadReport;
import dev.resolute.workbench.loadtest.LoadTestRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "loadtest",
    mixinStandardHelpOptions = true,
    description = "Replays a source as N cameras at a speed for a duration against a processor (started here with the embedded broker, or already running on --bootstrap-servers), and writes latency percentiles, throughput and per-second series with plots to --out.")
final class LoadtestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", required = true, paramLabel = "PATH", description = "Video file to replay.")
  Path source;

  @Option(names = "--cameras", defaultValue = "1", description = "Cameras to simulate (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1", description = "Times real time, or max (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "Seconds of replay, looping the source (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = dev.resolute.cli.HomePath.OUTPUTS + "/loadtest", converter = dev.resolute.cli.HomePath.class, description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
      description = "Processors to start here (one application, N instances in this process, each with its own model "
          + "session), to see what N instances sustain; not with --bootstrap-servers (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = ModelStore.GENERATED, description = "Model of the processor started here (default: ${DEFAULT-VALUE}).")
  String model;

  @Mixin DeviceOptions devices;
  @Mixin ControlOptions control;
  @Mixin dev.resolute.cli.KafkaOptions kafka;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(source)) {
      throw new dev.resolute.cli.UserError("--source " + source + ": no such file");
    }
    if (!(durationSeconds > 0) || cameras < 1 || instances < 1) {
      throw new dev.resolute.cli.UserError("--duration must be > 0, --cameras and --instances >= 1");
    }
    if (instances > 1 && kafka.bootstrapServersIfGiven() != null) {
      throw new dev.resolute.cli.UserError("--instances starts processors here: it cannot be combined with --bootstrap-servers");
    }
    double x = dev.resolute.workbench.cli.SpeedArgument.parse(speed);
    var kafkaClient = kafka.connectIfGiven();
    LoadTestRun.Result result;
    // Ctrl-C stops the replay and still writes the report for what was measured; the hook holds the JVM until then
    try (ShutdownSignal shutdown = new ShutdownSignal("resolute-loadtest-shutdown", 120)) {
      result = new LoadTestRun(new LoadTestRun.Options(source, cameras, x,
          Duration.ofMillis(Math.round(durationSeconds * 1000)), kafka.bootstrapServersIfGiven(), kafkaClient, () -> devices.load(model),
          control.config(), instances), System.out).run(out, shutdown::requested);
    }
    LoadReport.Summary s = result.summary();
    PrintWriter console = spec.commandLine().getOut();
    console.printf("%n%-24s %8s %8s %8s %8s %8s%n", "camera", "masks", "p50 ms", "p95 ms", "p99 ms", "max ms");
    s.perCamera().forEach((camera, p) -> console.printf("%-24s %8.0f %8.0f %8.0f %8.0f %8.0f%n", camera, p.get("frames"),
        p.get("latencyMsP50"), p.get("latencyMsP95"), p.get("latencyMsP99"), p.get("latencyMsMax")));
    console.printf("%-24s %8d %8.0f %8.0f %8.0f %8.0f%n", "all", s.masks(), s.latencyMsP50(), s.latencyMsP95(),
        s.latencyMsP99(), s.latencyMsMax());
    console.printf("%.1f masks/s, %d frames skipped, %d dead-lettered; report in %s%n", s.throughputFps(), s.framesSkipped(),
        s.deadLetterFrames(), out.resolve("index.html"));
    if (s.interrupted()) {
      console.println("interrupted: the figures cover the run until Ctrl-C");
      console.flush();
      return ExitCodes.FAILED; // the JVM, halting on the signal, exits 130 whatever this says
    }
    result.verdict().print(console);
    return result.verdict().failed() ? ExitCodes.NOT_SEGMENTED : ExitCodes.OK;
  }
}
