package dev.resolute.cli;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.IngestPlan;
import dev.resolute.ingest.SourceProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Says what ingest will do with a file or camera URL, and why: container, codec, size, nominal and "
        + "measured frame rate, variable timing, zero-length packets, keyframe gaps, audio, rotation, stream copy or "
        + "re-encoding, expected chunks. Reads packets only; nothing is decoded or published.")
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SOURCE", description = "A video file, or a camera URL (rtsp://, http://...m3u8, ...).")
  String source;

  @Option(names = "--chunk-seconds", defaultValue = "1", description = "Chunk length ingest would use (default: ${DEFAULT-VALUE}).")
  double chunkSeconds;

  @Option(names = "--sample-seconds", defaultValue = "6", description = "How long to read a live source (default: ${DEFAULT-VALUE}).")
  double sampleSeconds;

  @Option(names = "--ffmpeg", paramLabel = "OPTION=VALUE", description = "FFmpeg option for a live source, e.g. rtsp_transport=tcp; repeatable.")
  Map<String, String> ffmpegOptions = new HashMap<>();

  @Override
  public Integer call() {
    if (!(chunkSeconds > 0) || !(sampleSeconds > 0)) {
      throw new UserError("--chunk-seconds and --sample-seconds must be > 0");
    }
    Duration target = Duration.ofMillis(Math.round(chunkSeconds * 1000));
    ChunkingPolicy policy = new ChunkingPolicy(target, max(target, ChunkingPolicy.DEFAULT.maxKeyframeGap()),
        ChunkingPolicy.DEFAULT.maxChunkBytes());
    boolean live = SourceArgument.cameraUrl(source) != null;
    SourceProbe probe = live
        ? SourceProbe.ofLive(source, ffmpegOptions, Duration.ofMillis(Math.round(sampleSeconds * 1000)))
        : SourceProbe.of(Path.of(source));
    IngestPlan plan = live ? IngestPlan.live(probe, policy) : IngestPlan.of(probe, policy);
    spec.commandLine().getOut().print(new ProbeTable(source, live, probe, plan, chunkSeconds).render());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
