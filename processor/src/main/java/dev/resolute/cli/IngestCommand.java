package dev.resolute.cli;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.ingest.CameraHealth;
import dev.resolute.ingest.CameraList;
import dev.resolute.ingest.CameraStart;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.IngestMetrics;
import dev.resolute.ingest.LastChunks;
import dev.resolute.ingest.LiveCameraIngest;
import dev.resolute.metrics.MetricsExport;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Ingests live cameras (RTSP, HTTP, HLS, devices: anything FFmpeg opens) into video-chunks until interrupted: one thread per camera, network timeouts, reconnection with backoff forever. "
        + "A source that ends (an HLS playlist with #EXT-X-ENDLIST, a file) ends its camera; ingest exits 0 once every camera has ended.")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--camera", paramLabel = "ID=URL", description = "A camera; repeatable.")
  Map<String, String> cameras = new LinkedHashMap<>();

  @Option(names = "--cameras-file", paramLabel = "FILE", description = "Cameras, one per line: ID URL [option=value ...].")
  Path camerasFile;

  @Option(names = "--ffmpeg", paramLabel = "OPTION=VALUE", description = "FFmpeg option for every camera, e.g. rtsp_transport=udp; repeatable.")
  Map<String, String> ffmpegOptions = new HashMap<>();

  @Option(names = "--timeout-seconds", defaultValue = "5", description = "Network timeout before a camera counts as dropped (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--chunk-seconds", defaultValue = "1", description = "Chunks close at the first keyframe after this (default: ${DEFAULT-VALUE}).")
  double chunkSeconds;

  @Option(names = "--loop", description = "A source that ends is read again from its start, as new frames, instead of ending its camera.")
  boolean loop;

  @Option(names = "--resume-timeout-seconds", defaultValue = "10", description = "At start, how long to look for each "
      + "camera's last chunk on video-chunks, to continue its numbering and resume its stream after it; cameras not found "
      + "in time start at chunk 0, every frame new (default: ${DEFAULT-VALUE}).")
  double resumeTimeoutSeconds;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions if video-chunks must be created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @picocli.CommandLine.Mixin KafkaOptions kafka;
  @picocli.CommandLine.Mixin MetricsOptions metricsOptions;

  @Override
  public Integer call() throws Exception {
    List<LiveCameraIngest.Spec> specs = new ArrayList<>();
    for (String id : cameras.keySet()) {
      // before anything connects: the processor would dead-letter every chunk of this camera
      dev.resolute.schemas.CameraIds.problem(id).ifPresent(problem -> {
        throw new UserError("--camera: " + problem);
      });
    }
    cameras.forEach((id, url) -> specs.add(new LiveCameraIngest.Spec(id, url, ffmpegOptions)));
    if (camerasFile != null) {
      CameraList.read(camerasFile).forEach(spec -> {
        Map<String, String> options = new HashMap<>(ffmpegOptions);
        options.putAll(spec.options());
        specs.add(new LiveCameraIngest.Spec(spec.cameraId(), spec.url(), options));
      });
    }
    if (specs.isEmpty()) {
      throw new UserError("no cameras: give --camera ID=URL or --cameras-file FILE");
    }
    if (!(timeoutSeconds > 0) || !(chunkSeconds > 0) || !(resumeTimeoutSeconds > 0)) {
      throw new UserError("--timeout-seconds, --chunk-seconds and --resume-timeout-seconds must be > 0");
    }
    KafkaClientConfig client = kafka.connect();
    try (Admin admin = Admin.create(client.withBootstrap(kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, partitions, (short) 1);
    }
    Map<String, CameraStart> starts = LastChunks.read(kafka.bootstrapServers(), client, Topics.VIDEO_CHUNKS,
        specs.stream().map(LiveCameraIngest.Spec::cameraId).toList(), Duration.ofMillis(Math.round(resumeTimeoutSeconds * 1000)));
    starts.forEach((camera, start) -> {
      if (start != CameraStart.FRESH) {
        System.out.println("camera " + camera + ": continuing after its last chunk on " + Topics.VIDEO_CHUNKS + ": " + start);
      }
    });
    LiveCameraIngest.Settings settings = new LiveCameraIngest.Settings(Duration.ofMillis(Math.round(chunkSeconds * 1000)),
        Duration.ofMillis(Math.round(timeoutSeconds * 1000)), Duration.ofMillis(500), Duration.ofSeconds(30), loop);
    List<LiveCameraIngest> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try (ShutdownSignal shutdown = new ShutdownSignal("resolute-ingest-shutdown", 30);
        ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers(), Topics.VIDEO_CHUNKS, client);
        MetricsExport export = metricsOptions.start(MetricsOptions.INGEST_PORT, System.out);
        IngestMetrics metrics = new IngestMetrics(export.registry())) {
      for (LiveCameraIngest.Spec spec : specs) {
        LiveCameraIngest worker = new LiveCameraIngest(spec, settings, publisher::publish, Clock.systemUTC(),
            starts.get(spec.cameraId()));
        metrics.bind(spec.cameraId(), worker.health(), Clock.systemUTC());
        Thread thread = new Thread(worker, "ingest-" + spec.cameraId()); // a stuck camera blocks only its own thread
        thread.setDaemon(true);
        workers.add(worker);
        threads.add(thread);
        thread.start();
      }
      for (int second = 1; !shutdown.awaitRequest(1_000); second++) {
        if (workers.stream().allMatch(w -> w.health().isEnded())) {
          System.out.println("every camera's source ended");
          break;
        }
        if (second % 10 != 0) {
          continue;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < workers.size(); i++) {
          CameraHealth h = workers.get(i).health();
          System.out.printf("  %s: %s, %d chunks, %d reconnects, last packet %s%n", specs.get(i).cameraId(),
              h.isEnded() ? "ended" : h.isConnected() ? "connected" : "down", h.chunks(), h.reconnects(),
              h.lastPacketAgeMs(now) < 0 ? "never" : h.lastPacketAgeMs(now) + " ms ago");
        }
      }
      workers.forEach(LiveCameraIngest::stop);
      for (Thread thread : threads) {
        thread.join(settings.timeout().toMillis() + 2000);
      }
      publisher.flush();
    }
    return 0;
  }
}
