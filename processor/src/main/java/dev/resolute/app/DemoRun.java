package dev.resolute.app;

import dev.resolute.broker.EmbeddedKafkaBroker;
import dev.resolute.config.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.footage.FootageWriter;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.ReplayPacer;
import dev.resolute.ingest.SourceProbe;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.mask.MaskOverlay;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.topology.TopicSetup;
import dev.resolute.topology.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo end to end: a broker (embedded unless one is given), the processor, one source ingested
 * while it runs, and the outputs collected until every ingested frame has its mask (or its chunk
 * is in the dead-letter topic).
 */
public final class DemoRun {
  /** Longest the demo waits without any new output before it calls the run stuck. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /**
   * @param source video file, or {@code null} for generated footage
   * @param limit how much of the source to use, or {@code null} for all of it
   * @param bootstrapServers an existing Kafka, or {@code null} to start the embedded broker
   * @param speed replay at this many times real time; infinite for as fast as ingest goes
   */
  public record Options(Path source, String cameraId, Duration limit, Path outDir, Supplier<OnnxModel> model,
      ControlConfig control, double speed, String bootstrapServers, int overlays) {}

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
    Path source = options.source() != null ? options.source() : generatedFootage(options.outDir());
    SourceProbe probe = given != null ? given : SourceProbe.of(source);
    boolean modelHandedOver = false;
    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = options.bootstrapServers();
      if (bootstrap == null) {
        console.println("starting the embedded Kafka broker...");
        broker = EmbeddedKafkaBroker.startTemporary();
        bootstrap = broker.bootstrapServers();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        TopicSetup.ensure(admin, Topics.all(2), (short) 1);
      }
      InferenceSize size = InferenceSize.of(model.descriptor(), options.control().startLevel(), probe.width(), probe.height());
      Path stateDir = Files.createTempDirectory("resolute-streams-");
      // a run of its own: on a shared cluster it must not join (or resume) another processor's group
      ProcessorConfig config = ProcessorConfig.local(bootstrap, stateDir).withControl(options.control())
          .withApplicationId("resolute-demo-" + java.util.UUID.randomUUID().toString().substring(0, 8));
      if (options.bootstrapServers() != null) {
        startAtTheEnd(bootstrap, config.applicationId());
      }
      ResoluteProcessor owner = new ResoluteProcessor(config, model);
      modelHandedOver = true;
      try (ResoluteProcessor processor = owner; OutputCollector collector = OutputCollector.fromNowOn(bootstrap)) {
        console.printf("model %s on %s (%s), %s policy from level %d (%dx%d -> %dx%d), replay at %s%n", model.descriptor().id(),
            model.engine(), model.device(), options.control().policy().id(), options.control().startLevel(), probe.width(), probe.height(),
            size.width(), size.height(),
            Double.isInfinite(options.speed()) ? "full speed" : options.speed() + "x real time");
        processor.start(Duration.ofSeconds(90));
        long startNanos = System.nanoTime();
        String bootstrapServers = bootstrap;
        CompletableFuture<VideoFileChunker.Result> ingest = CompletableFuture.supplyAsync(() -> ingest(source, probe, bootstrapServers));
        VideoFileChunker.Result ingested = collectUntilDone(processor, collector, ingest);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<SegmentationMask> masks = mine(collector.masks(), SegmentationMask::getCameraId);
        List<FrameCost> costs = mine(collector.costs(), FrameCost::getCameraId);
        List<ControlDecision> decisions = mine(collector.decisions(), ControlDecision::getCameraId);
        writeOverlays(masks);
        DemoSummary summary = summarise(source, ingested, masks, costs, decisions, model, size, seconds);
        return new Result(summary, RunVerdict.of(summary.framesIn(), summary.masksOut(), letters));
      }
    } finally {
      if (!modelHandedOver) {
        model.close();
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * On a shared cluster the demo's processor must see only the chunks this run publishes: its new
   * group gets the current end of the chunk topic as committed offsets before it starts, instead
   * of reading every camera's history from the beginning.
   */
  private static void startAtTheEnd(String bootstrap, String groupId) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
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

  private VideoFileChunker.Result ingest(Path source, SourceProbe probe, String bootstrap) {
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    try (ChunkPublisher publisher = new ChunkPublisher(bootstrap)) {
      Consumer<VideoChunk> publish = chunk -> {
        published.put(chunk.getSequence(), chunk);
        publisher.publish(chunk);
      };
      if (!Double.isInfinite(options.speed())) {
        publish = new ReplayPacer(options.speed(), Clock.systemUTC(), publish);
      }
      VideoFileChunker.Result result = chunker.chunk(source, probe, options.cameraId(), options.limit(), publish);
      publisher.flush();
      return result;
    }
  }

  private VideoFileChunker.Result collectUntilDone(ResoluteProcessor processor, OutputCollector collector,
      CompletableFuture<VideoFileChunker.Result> ingest) throws Exception {
    long lastOutput = System.nanoTime();
    long lastProgress = 0;
    while (true) {
      if (collector.poll(Duration.ofMillis(250)) > 0) {
        lastOutput = System.nanoTime();
      }
      if (processor.failure() != null) {
        throw new IllegalStateException("the processor failed: " + processor.failure().getMessage(), processor.failure());
      }
      long framesIn = published.values().stream().mapToLong(VideoChunk::getFrameCount).sum();
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
        VideoFileChunker.Result result = join(ingest);
        if (costs.size() + lostFrames >= result.frames()) {
          return result;
        }
      }
      if (System.nanoTime() - lastOutput > STALL_TIMEOUT.toNanos()) {
        throw new IllegalStateException("no output for " + STALL_TIMEOUT.toMinutes() + " minutes; processor state " + processor.state());
      }
    }
  }

  private static VideoFileChunker.Result join(CompletableFuture<VideoFileChunker.Result> ingest) throws Exception {
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

  private DemoSummary summarise(Path source, VideoFileChunker.Result ingested, List<SegmentationMask> masks,
      List<FrameCost> allCosts, List<ControlDecision> decisions, OnnxModel model,
      InferenceSize size, double seconds) {
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
    return new DemoSummary(source.toString(), options.cameraId(), ingested.mode().name(), ingested.chunks(),
        ingested.frames(), masks.size(), letters.letters(), letters.frames(),
        percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1],
        perLevel, model.engine(), model.device(), model.descriptor().id(),
        ingested.probe().width(), ingested.probe().height(), size.width(), size.height(),
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
