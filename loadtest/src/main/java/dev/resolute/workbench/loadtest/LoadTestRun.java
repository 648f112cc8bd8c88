package dev.resolute.workbench.loadtest;

import dev.resolute.metrics.DeadLetterTally;
import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.config.KafkaClientConfig;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.traffic.ChunkPacer;
import dev.resolute.topology.TopicSetup;
import dev.resolute.workbench.rig.RunVerdict;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * A load test: a source replayed as N cameras at a speed for a duration, against a processor this
 * run starts (on the embedded broker) or one already running on the given cluster, with every
 * cost record of its cameras turned into latency histograms and per-second series.
 */
public final class LoadTestRun {
  static final String CAMERA_PREFIX = "loadtest-";
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);
  /** The processor runs in this process when the run starts it: its RSS and heap are sampled this often. */
  private static final long MEMORY_SAMPLE_MS = 10_000;

  /**
   * @param bootstrapServers a cluster with a processor already running, or null to start both here
   * @param kafkaClient the user's client settings for {@code bootstrapServers} (security)
   * @param model loads the model when this run starts its own processors, once for each
   * @param instances processors this run starts (one application, separate instances, each with its
   *     own model session), to size a deployment; ignored against a given cluster
   */
  public record Options(Path source, int cameras, double speed, Duration duration, String bootstrapServers,
      KafkaClientConfig kafkaClient, Supplier<OnnxModel> model, ControlConfig control, int instances) {
    public Options(Path source, int cameras, double speed, Duration duration, String bootstrapServers,
        KafkaClientConfig kafkaClient, Supplier<OnnxModel> model, ControlConfig control) {
      this(source, cameras, speed, duration, bootstrapServers, kafkaClient, model, control, 1);
    }
  }

  /** What {@code summary.json} says, and whether the run did its job. */
  public record Result(LoadReport.Summary summary, RunVerdict verdict) {}

  private final Options options;
  private final PrintStream console;
  private final DeadLetterTally letters = new DeadLetterTally(camera -> camera.startsWith(CAMERA_PREFIX));

  public LoadTestRun(Options options, PrintStream console) {
    this.options = options;
    this.console = console;
  }

  public Result run(Path outDir) throws Exception {
    return run(outDir, () -> false);
  }

  /**
   * Runs until every replayed frame is accounted for, or until {@code stopRequested} (Ctrl-C): then
   * the replay stops where it is and the report covers what was measured up to there.
   */
  public Result run(Path outDir, BooleanSupplier stopRequested) throws Exception {
    ReportCharts.prepare(); // the report must still be drawable once Ctrl-C has started the JVM's shutdown
    List<VideoChunk> recording = chunksOf(options.source());
    EmbeddedKafkaBroker broker = null;
    List<ResoluteProcessor> processors = new java.util.ArrayList<>();
    String engine = "unknown";
    String device = "unknown";
    try {
      String bootstrap = options.bootstrapServers();
      if (bootstrap == null) {
        broker = EmbeddedKafkaBroker.startTemporary();
        bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
          // at least a partition per instance, or the extra instances would idle
          TopicSetup.ensure(admin, Math.max(Math.max(1, options.cameras()), options.instances()), (short) 1);
        }
        for (int i = 0; i < options.instances(); i++) {
          OnnxModel model = options.model().get();
          engine = model.engine();
          device = model.device();
          ProcessorConfig config = ProcessorConfig.local(bootstrap, Files.createTempDirectory("resolute-load-"))
              .withControl(options.control()).withApplicationId("resolute-loadtest");
          ResoluteProcessor processor = new ResoluteProcessor(
              options.instances() > 1 ? config.withInstanceId("loadtest-" + i) : config, model);
          processors.add(processor);
          processor.start(Duration.ofSeconds(90));
        }
      }
      LoadSeries series = new LoadSeries();
      long framesIn;
      double seconds;
      boolean interrupted;
      MemorySampler memory = new MemorySampler(MEMORY_SAMPLE_MS);
      ExecutorService replayThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "loadtest-replay"));
      try (OutputCollector collector = OutputCollector.fromNowOn(bootstrap, options.kafkaClient())) {
        long start = System.nanoTime();
        String target = bootstrap;
        AtomicBoolean stopping = new AtomicBoolean();
        Future<ChunkPacer.Result> replay = replayThread.submit(() -> replay(recording, target, series, start, stopping));
        interrupted = !collect(collector, series, replay, start, processors, stopRequested);
        if (interrupted) {
          // not by interrupting it: that would cut its producer's close short, and chunks sent might go unacknowledged
          stopping.set(true);
          replayThread.shutdown();
          replayThread.awaitTermination(30, TimeUnit.SECONDS); // the arrivals it filed are final before the report reads them
          console.println("interrupted: writing the report for what was measured");
        }
        framesIn = series.arrived();
        seconds = (System.nanoTime() - start) / 1e9;
      } finally {
        replayThread.shutdownNow();
        memory.close();
      }
      LoadReport.Summary summary = LoadReport.summarise(series, letters, options.source().toString(), options.cameras(),
          Double.isInfinite(options.speed()) ? "max" : options.speed() + "x", seconds, framesIn,
          options.control().policy().id(), engine, device, memory.profile(), Math.max(1, processors.size()), interrupted);
      LoadReport.write(outDir, series, summary);
      memory.writeCsv(outDir.resolve("memory.csv"));
      return new Result(summary, RunVerdict.of(summary.framesIn(), summary.masks(), letters));
    } finally {
      processors.forEach(ResoluteProcessor::close);
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** The source cut into chunks once, on its own media clock, under the load test's camera ids. */
  private static List<VideoChunk> chunksOf(Path source) {
    List<VideoChunk> chunks = new ArrayList<>();
    String camera = CAMERA_PREFIX + source.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(source, camera, null,
        chunk -> chunks.add(VideoChunk.newBuilder(chunk).setCaptureTimeMs(chunk.getFirstPtsMicros() / 1000).build()));
    return chunks;
  }

  /** Replays the recording, filing each chunk's frames as arrivals of its camera in the second it left. */
  private ChunkPacer.Result replay(List<VideoChunk> recording, String bootstrap, LoadSeries series, long startNanos,
      AtomicBoolean stopping) {
    ChunkPacer.Plan plan = ChunkPacer.Plan.replay(options.speed(), options.cameras(), true, options.duration());
    try (ChunkPublisher publisher = new ChunkPublisher(bootstrap, Topics.VIDEO_CHUNKS, options.kafkaClient())) {
      ChunkPacer.Result result = ChunkPacer.realTime(plan).play(recording, chunk -> {
        if (stopping.get()) {
          throw new CancellationException("the load test was stopped");
        }
        publisher.publish(chunk);
        series.arrived(chunk.getCameraId(), chunk.getFrameCount(), (System.nanoTime() - startNanos) / 1_000_000_000L);
      }, progress -> { });
      publisher.flush();
      return result;
    }
  }

  /**
   * Files cost records until every replayed frame has one or is in a dead-lettered chunk (true), or
   * until a stop is requested (false).
   */
  private boolean collect(OutputCollector collector, LoadSeries series, Future<ChunkPacer.Result> replay,
      long startNanos, List<ResoluteProcessor> processors, BooleanSupplier stopRequested) throws Exception {
    int seen = 0;
    long lastNews = System.nanoTime();
    long lastPrint = 0;
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      collector.poll(Duration.ofMillis(250));
      List<FrameCost> costs = collector.costs();
      long second = (System.nanoTime() - startNanos) / 1_000_000_000L;
      for (; seen < costs.size(); seen++) {
        if (costs.get(seen).getCameraId().startsWith(CAMERA_PREFIX)) {
          series.add(costs.get(seen), second);
          lastNews = System.nanoTime();
        }
      }
      long lettersBefore = letters.letters();
      letters.update(collector.deadLetters());
      if (letters.letters() > lettersBefore) {
        lastNews = System.nanoTime();
      }
      for (ResoluteProcessor processor : processors) {
        if (processor.failure() != null) {
          throw new IllegalStateException("a processor failed: " + processor.failure().getMessage(), processor.failure());
        }
      }
      long accounted = series.frames() + series.skipped() + letters.frames();
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        console.printf("  %3d s: %d frames with cost records, %d dead-lettered%s%n", second, series.frames() + series.skipped(),
            letters.frames(), replay.isDone() ? " (replay done)" : "");
        lastPrint = System.nanoTime();
      }
      if (replay.isDone() && accounted >= replay.get().frames()) {
        return true;
      }
      if (System.nanoTime() - lastNews > STALL_TIMEOUT.toNanos()) {
        throw new IllegalStateException("no cost records or dead letters for " + STALL_TIMEOUT.toMinutes()
            + " minutes: is a processor running?");
      }
    }
  }
}
