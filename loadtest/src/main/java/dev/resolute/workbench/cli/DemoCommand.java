package dev.resolute.workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resolute.cli.ControlOptions;
import dev.resolute.cli.DeviceOptions;
import dev.resolute.cli.ExitCodes;
import dev.resolute.cli.HomePath;
import dev.resolute.cli.KafkaOptions;
import dev.resolute.cli.MetricsOptions;
import dev.resolute.cli.SourceArgument;
import dev.resolute.cli.UserError;
import dev.resolute.cli.ViewerOptions;
import dev.resolute.config.Secrets;
import dev.resolute.control.ControlConfig;
import dev.resolute.metrics.MetricsExport;
import dev.resolute.model.store.ModelStore;
import dev.resolute.web.LiveViewer;
import dev.resolute.workbench.demo.DemoRun;
import dev.resolute.workbench.demo.DemoSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs everything on this machine: an embedded Kafka broker, the processor, and one source (a file or a live camera) ingested while it runs. Waits until every ingested frame has its mask, then writes DIR/summary.json and overlay PNGs in DIR/masks/.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every ingested frame has its mask, or was skipped by the stride",
        "1:the processor failed, or outputs went missing",
        "2:bad usage: an option, a missing file, a source that is not a video",
        "3:nothing segmented, or some chunks dead-lettered (the reasons are printed)"})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", paramLabel = "PATH|URL",
      description = "Video file to ingest, or a live camera's URL (rtsp://, http(s)://, rtmp://, srt://, udp://, tcp://; needs --duration) (default: generated footage with known labels).")
  String source;

  @Option(names = "--camera-id", paramLabel = "ID", defaultValue = "demo-cam", description = "Camera id of the ingested stream (default: ${DEFAULT-VALUE}).")
  String camera;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Use only the first SECONDS of a file (default: all of it); ingest a camera URL for SECONDS.")
  Double durationSeconds;

  @Option(names = "--loop", description = "A camera URL whose source ends (an HLS playlist with #EXT-X-ENDLIST, a file) is read again "
      + "from its start, as new frames, until --duration is up (default: the camera ends there and the demo with it).")
  boolean loop;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = HomePath.OUTPUTS + "/demo", converter = HomePath.class, description = "Where summary.json and masks/ go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = ModelStore.GENERATED,
      description = "'generated' (built-in colour segmenter) or a model directory with model.onnx and model.json (default: ${DEFAULT-VALUE}).")
  String model;

  @picocli.CommandLine.Mixin DeviceOptions devices;
  @picocli.CommandLine.Mixin ControlOptions control;
  @picocli.CommandLine.Mixin KafkaOptions kafka;
  @picocli.CommandLine.Mixin MetricsOptions metricsOptions;
  @picocli.CommandLine.Mixin ViewerOptions viewerOptions;

  @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1",
      description = "Replay the source X times faster than real time, or 'max' for as fast as it can be read (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--overlays", paramLabel = "N", defaultValue = "6", description = "How many overlay PNGs to write (default: ${DEFAULT-VALUE}).")
  int overlays;

  @Override
  public Integer call() throws Exception {
    dev.resolute.schemas.CameraIds.problem(camera).ifPresent(problem -> {
      throw new UserError("--camera: " + problem);
    });
    String cameraUrl = source == null ? null : SourceArgument.cameraUrl(source);
    Path file = source == null || cameraUrl != null ? null : Path.of(source);
    if (file != null && !Files.isRegularFile(file)) {
      throw new UserError("--source " + source + ": no such file");
    }
    if (cameraUrl != null && durationSeconds == null) {
      throw new UserError("--source " + Secrets.redact(cameraUrl) + " is a live camera: give --duration SECONDS, how long to ingest it");
    }
    if (cameraUrl != null && !"1".equals(speed)) {
      throw new UserError("--speed applies to files: a live camera (--source " + Secrets.redact(cameraUrl) + ") sends in real time");
    }
    if (durationSeconds != null && !(durationSeconds > 0)) {
      throw new UserError("--duration must be a positive number of seconds, got " + durationSeconds);
    }
    if (overlays < 0) {
      throw new UserError("--overlays must be >= 0, got " + overlays);
    }
    var kafkaClient = kafka.connectIfGiven();
    Duration limit = durationSeconds == null ? null : Duration.ofMillis(Math.round(durationSeconds * 1000));
    double replaySpeed = SpeedArgument.parse(speed);
    ControlConfig controlConfig = control.config();
    var out = spec.commandLine().getOut();
    DemoRun.Result result;
    // any free port by default: a demo is short-lived, and two at once must not clash
    try (MetricsExport metrics = metricsOptions.start(0, System.out); LiveViewer viewer = viewerOptions.start(0, System.out)) {
      result = new DemoRun(new DemoRun.Options(file, cameraUrl, camera, limit, this.out, () -> devices.load(model), controlConfig,
          replaySpeed, kafka.bootstrapServersIfGiven(), kafkaClient, overlays, metrics.registry(),
          viewer == null ? DemoRun.ClusterListener.NONE : viewer::follow, loop), System.out).run();
    }
    DemoSummary summary = result.summary();
    Path summaryFile = this.out.resolve("summary.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), summary);
    out.printf("%nframes in %d, masks out %d, dead letters %d (%d frames)%n", summary.framesIn(), summary.masksOut(),
        summary.deadLetters(), summary.deadLetterFrames());
    out.printf("latency p50 %.0f ms, p99 %.0f ms; %.1f frames/s end to end; engine %s on %s%n",
        summary.latencyMsP50(), summary.latencyMsP99(), summary.framesPerSecond(), summary.engine(), summary.device());
    out.printf("mean ms/frame: %s%n", summary.meanStepMs());
    out.printf("%s policy: frames per level %s, %d level changes, %d frames skipped, lag p99 %.1f s, desiredReplicas max %d%n",
        summary.policy(), summary.framesPerLevel(), summary.levelChanges(), summary.framesSkipped(), summary.lagSecondsP99(),
        summary.desiredReplicasMax());
    out.printf("wrote %s and %s%n", summaryFile, this.out.resolve("masks"));
    result.verdict().print(out);
    if (result.verdict().failed()) {
      return ExitCodes.NOT_SEGMENTED;
    }
    return summary.masksOut() + summary.framesSkipped() + summary.deadLetterFrames() == summary.framesIn() ? ExitCodes.OK : ExitCodes.FAILED;
  }

}
