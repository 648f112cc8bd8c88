package dev.resolute.workbench.demo;

import dev.resolute.metrics.DeadLetterReasons;
import dev.resolute.metrics.DeadLetterTally;
import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.config.KafkaClientConfig;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.SourceProbe;
import dev.resolute.app.ProcessorMeters;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.topology.TopicSetup;
import dev.resolute.workbench.rig.RunVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo end to end: a broker (embedded unless one is given), the processor, one source (a file
 * or a live camera) ingested while it runs, and the outputs collected until every ingested frame
 * has its mask (or its chunk is in the dead-letter topic).
 */
public final class DemoRun {
  /** Longest the demo waits without any new output before it calls the run stuck. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /**
   * @param source video file, or {@code null} for generated footage (or a camera)
   * @param cameraUrl a live camera to ingest instead of a file, or {@code null}
   * @param limit how much of the source to use, or {@code null} for all of it; for a camera, how
   *     long to ingest it (required)
   * @param bootstrapServers an existing Kafka, or {@code null} to start the embedded broker
   * @param kafkaClient the user's client settings for {@code bootstrapServers} (security)
   * @param speed replay at this many times real time; infinite for as fast as ingest goes
   * @param metrics the process's registry, which the processor's meters join
   * @param onCluster told the cluster once its topics exist, before anything is ingested (the live viewer follows it)
   * @param loop a camera whose source ends (an HLS playlist with ENDLIST) is read again from its start instead of ending
   */
  public record Options(Path source, String cameraUrl, String cameraId, Duration limit, Path outDir, Supplier<OnnxModel> model,
      ControlConfig control, double speed, String bootstrapServers, KafkaClientConfig kafkaClient, int overlays, MeterRegistry metrics,
      ClusterListener onCluster, boolean loop) {}

  /** Something that reads the demo's cluster alongside it. */
  @FunctionalInterface
  public interface ClusterListener {
    ClusterListener NONE = (bootstrap, client) -> () -> { };

    /** Starts reading; what it returns stops reading, and is closed before the demo's broker goes. */
    AutoCloseable ready(String bootstrapServers, KafkaClientConfig client);
  }

  /** The summary for {@code summary.json}, and whether the run did its job. */
  public record Result(DemoSummary summary, RunVerdict verdict) {}

  private final Options options;
  private final PrintStream console;
  private final Map<Long, VideoChunk> published = new ConcurrentHashMap<>();
  private final DeadLetterTally letters;

  public DemoRun(Options options, PrintStream console) {
    this.options = options;
    this.console = console;
    this.letters = new DeadLetterTally(options.cameraId()::equals);
  }

  public Result run() throws Exception {
    Files.createDirectories(options.outDir());
    // a bad source fails here, before anything starts
    SourceProbe given = options.source() == null ? null : SourceProbe.of(options.source());
    OnnxModel model = options.model().get(); // and so does a missing model or an unavailable device
    ChunkSource source = chunkSource(given);
    boolean modelHandedOver = false;
    EmbeddedKafkaBroker broker = null;
    AutoCloseable listener = null;
    try {
      String bootstrap = options.bootstrapServers();
      if (bootstrap == null) {
        console.println("starting the embedded Kafka broker...");
        broker = EmbeddedKafkaBroker.startTemporary();
        bootstrap = broker.bootstrapServers();
      }
      KafkaClientConfig client = options.kafkaClient();
      try (Admin admin = Admin.create(client.withBootstrap(bootstrap))) {
        TopicSetup.ensure(admin, 2, (short) 1);
      }
      listener = options.onCluster().ready(bootstrap, client);
      Path stateDir = Files.createTempDirectory("resolute-streams-");
      // a run of its own: on a shared cluster it must not join (or resume) another processor's group
      ProcessorConfig config = ProcessorConfig.local(bootstrap, stateDir).withControl(options.control())
          .withApplicationId("resolute-demo-" + java.util.UUID.randomUUID().toString().substring(0, 8)).withKafkaClient(client);
      if (options.bootstrapServers() != null) {
        startAtTheEnd(bootstrap, client, config.applicationId());
      }
      ResoluteProcessor owner = new ResoluteProcessor(config, model);
      modelHandedOver = true;
      try (ResoluteProcessor processor = owner; OutputCollector collector = OutputCollector.fromNowOn(bootstrap, client);
          ProcessorMeters meters = ProcessorMeters.bind(options.metrics(), processor, config, model)) {
        console.printf("model %s on %s (%s), %s policy from level %d%n", model.descriptor().id(), model.engine(), model.device(),
            options.control().policy().id(), options.control().startLevel());
        console.println("source: " + source.describe());
        processor.start(Duration.ofSeconds(90));
        if (!meters.awaitFeed(Duration.ofSeconds(30))) { // its group starts at the end: frames before it would go uncounted
          console.println("warning: the metrics feed has no partitions yet; the first frames may be missing from /metrics");
        }
        long startNanos = System.nanoTime();
        String bootstrapServers = bootstrap;
        ChunkSource.Ingested ingested;
        ExecutorService ingestThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-ingest"));
        try {
          ingested = collectUntilDone(processor, collector, ingestThread.submit(() -> ingest(source, bootstrapServers)));
        } finally {
          ingestThread.shutdownNow(); // when collecting failed: a live camera stops now, not at the end of --duration
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<SegmentationMask> masks = mine(collector.masks(), SegmentationMask::getCameraId);
        List<FrameCost> costs = mine(collector.costs(), FrameCost::getCameraId);
        List<ControlDecision> decisions = mine(collector.decisions(), ControlDecision::getCameraId);
        writeOverlays(masks);
        DemoSummary summary = summarise(source.name(), ingested, masks, costs, decisions, model, seconds);
        return new Result(summary, RunVerdict.of(summary.framesIn(), summary.masksOut(), letters));
      }
    } finally {
      if (!modelHandedOver) {
        model.close();
      }
      // every consumer goes before the broker (the processor's and the collector's are closed above):
      // a consumer that outlives it fills the end of the demo with connection warnings
      try {
        if (listener != null) {
          listener.close();
        }
      } finally {
        if (broker != null) {
          broker.close();
        }
      }
    }
  }

  /**
   * On a shared cluster the demo's processor must see only the chunks this run publishes: its new
   * group gets the current end of the chunk topic as committed offsets before it starts, instead
   * of reading every camera's history from the beginning.
   */
  private static void startAtTheEnd(String bootstrap, KafkaClientConfig client, String groupId) throws Exception {
    try (Admin admin = Admin.create(client.withBootstrap(bootstrap))) {
      int partitions = admin.describeTopics(List.of(Topics.VIDEO_CHUNKS)).allTopicNames().get()
          .get(Topics.VIDEO_CHUNKS).partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(Topics.VIDEO_CHUNKS, p), OffsetSpec.latest());
      }
      Map<TopicPartition, OffsetAndMetadata> ends = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(groupId, ends).all().get();
    }
  }

  private Path generatedFootage(Path outDir) throws Exception {
    Path file = outDir.resolve("generated-source.mkv");
    console.println("no --source: generating 10 s of synthetic footage (320x240, 10 fps, H.264)");
    FootageWriter.write(new SyntheticScene(320, 240, 10), 100, FootageWriter.Codec.H264, file);
    return file;
  }

  private ChunkSource chunkSource(SourceProbe given) throws Exception {
    if (options.cameraUrl() != null) {
      return new LiveCameraSource(options.cameraUrl(), options.cameraId(), options.limit(), options.loop(), console);
    }
    Path file = options.source() != null ? options.source() : generatedFootage(options.outDir());
    SourceProbe probe = given != null ? given : SourceProbe.of(file);
    return new FileChunkSource(file, probe, options.cameraId(), options.limit(), options.speed());
  }

  private ChunkSource.Ingested ingest(ChunkSource source, String bootstrap) throws Exception {
    try (ChunkPublisher publisher = new ChunkPublisher(bootstrap, Topics.VIDEO_CHUNKS, options.kafkaClient())) {
      ChunkSource.Ingested result = source.ingest(chunk -> {
        published.put(chunk.getSequence(), chunk);
        publisher.publish(chunk);
      });
      publisher.flush();
      return result;
    }
  }

  private ChunkSource.Ingested collectUntilDone(ResoluteProcessor processor, OutputCollector collector,
      Future<ChunkSource.Ingested> ingest) throws Exception {
    long lastOutput = System.nanoTime();
    long lastProgress = 0;
    int chunksSeen = 0;
    while (true) {
      // new chunks count as progress too: a live camera may take a while to send its first
      if (collector.poll(Duration.ofMillis(250)) > 0 || published.size() > chunksSeen) {
        lastOutput = System.nanoTime();
        chunksSeen = published.size();
      }
      if (processor.failure() != null) {
        throw new IllegalStateException("the processor failed: " + processor.failure().getMessage(), processor.failure());
      }
      long framesIn = published.values().stream().mapToLong(ChunkTimeline::newFrames).sum();
      List<FrameCost> costs = mine(collector.costs(), FrameCost::getCameraId);
      long skipped = costs.stream().filter(FrameCost::getSkipped).count();
      letters.update(collector.deadLetters());
      long lostFrames = letters.frames();
      if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
        FrameCost latest = costs.isEmpty() ? null : costs.get(costs.size() - 1);
        console.printf("  ingested %d frames in %d chunks%s | masks %d, skipped %d, dead-lettered %d%s%n", framesIn,
            published.size(), ingest.isDone() ? " (done)" : "", costs.size() - skipped, skipped, lostFrames,
            latest == null ? "" : String.format(" | level %d stride %d lag %.1fs", latest.getLevel(), latest.getStride(),
                latest.getLagMsAtDecision() / 1000.0));
        lastProgress = System.nanoTime();
      }
      if (ingest.isDone()) {
        ChunkSource.Ingested result = join(ingest);
        if (costs.size() + lostFrames >= result.frames()) {
          return result;
        }
      }
      if (System.nanoTime() - lastOutput > STALL_TIMEOUT.toNanos()) {
        throw new IllegalStateException("no output for " + STALL_TIMEOUT.toMinutes() + " minutes; processor state " + processor.state());
      }
    }
  }

  private static ChunkSource.Ingested join(Future<ChunkSource.Ingested> ingest) throws Exception {
    try {
      return ingest.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private <T> List<T> mine(List<T> records, java.util.function.Function<T, String> camera) {
    return records.stream().filter(r -> options.cameraId().equals(camera.apply(r))).toList();
  }

  private void writeOverlays(List<SegmentationMask> masks) throws Exception {
    Path dir = Files.createDirectories(options.outDir().resolve("masks"));
    int count = Math.min(options.overlays(), masks.size());
    ChunkDecoder decoder = new ChunkDecoder();
    for (int k = 0; k < count; k++) {
      SegmentationMask mask = masks.get(count == 1 ? 0 : (int) ((long) k * (masks.size() - 1) / (count - 1)));
      VideoChunk chunk = published.get(mask.getChunkSequence());
      if (chunk == null) {
        continue; // not from this run's chunks
      }
      DecodedFrame frame = decoder.decode(chunk).get((int) (mask.getFrameIndex() - chunk.getFirstFrameIndex()));
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes(mask.getMask())));
      byte[] labels = new byte[frame.width() * frame.height()];
      png.getRaster().getDataElements(0, 0, frame.width(), frame.height(), labels);
      MaskOverlay.write(frame.bgr(), labels, frame.width(), frame.height(),
          dir.resolve(String.format("frame-%06d.png", mask.getFrameIndex())));
    }
  }

  private DemoSummary summarise(String source, ChunkSource.Ingested ingested, List<SegmentationMask> masks,
      List<FrameCost> allCosts, List<ControlDecision> decisions, OnnxModel model, double seconds) {
    // the size the chunks declared: for a camera it is known only once it sends
    VideoChunk chunk = published.values().stream().findAny().orElse(null);
    int width = chunk == null ? 0 : chunk.getWidth();
    int height = chunk == null ? 0 : chunk.getHeight();
    InferenceSize size = chunk == null ? new InferenceSize(options.control().startLevel(), 0, 0)
        : InferenceSize.of(model.descriptor(), options.control().startLevel(), width, height);
    List<FrameCost> costs = allCosts.stream().filter(c -> !c.getSkipped()).toList();
    double[] latencies = costs.stream().mapToDouble(FrameCost::getEndToEndLatencyMs).sorted().toArray();
    double[] lags = allCosts.stream().mapToDouble(c -> c.getLagMsAtDecision() / 1000.0).sorted().toArray();
    Map<String, Long> perLevel = new TreeMap<>();
    costs.forEach(c -> perLevel.merge(String.valueOf(c.getLevel()), 1L, Long::sum));
    Map<String, Double> steps = new TreeMap<>();
    steps.put("decode", mean(costs, FrameCost::getDecodeMs));
    steps.put("resize", mean(costs, FrameCost::getResizeMs));
    steps.put("inference", mean(costs, FrameCost::getInferenceMs));
    steps.put("upsample", mean(costs, FrameCost::getUpsampleMs));
    steps.put("encode", mean(costs, FrameCost::getEncodeMs));
    FrameCost any = costs.isEmpty() ? null : costs.get(0);
    return new DemoSummary(source, options.cameraId(), ingested.mode(), ingested.chunks(),
        ingested.frames(), masks.size(), letters.letters(), letters.frames(),
        percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1],
        perLevel, model.engine(), model.device(), model.descriptor().id(),
        width, height, size.width(), size.height(),
        any == null ? 0 : any.getGflops(), any == null ? 0 : any.getMemoryBytes(), steps, seconds,
        seconds > 0 ? masks.size() / seconds : 0, options.control().policy().id(),
        Double.isInfinite(options.speed()) ? "max" : String.valueOf(options.speed()),
        decisions.stream().filter(d -> d.getFromLevel() != d.getToLevel()).count(), percentile(lags, 0.99),
        allCosts.size() - costs.size(), allCosts.stream().mapToInt(FrameCost::getDesiredReplicas).max().orElse(1),
        costs.stream().mapToDouble(FrameCost::getQualityEstimate).average().orElse(1),
        DeadLetterReasons.counts(letters.groups()));
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  private static double mean(List<FrameCost> costs, ToDoubleFunction<FrameCost> field) {
    return costs.stream().mapToDouble(field).average().orElse(0);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
