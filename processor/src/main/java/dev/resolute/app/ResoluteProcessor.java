package dev.resolute.app;

import dev.resolute.config.ConfigException;
import dev.resolute.config.TransactionBudget;
import dev.resolute.control.ActiveCameras;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.CostCache;
import dev.resolute.control.CpuMeter;
import dev.resolute.control.StartingCosts;
import dev.resolute.control.WarmUpCache;
import dev.resolute.inference.OnnxModel;
import dev.resolute.metrics.CameraSeries;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.profile.ProfileCosts;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.topology.DecisionTail;
import dev.resolute.topology.EndOffsetWatcher;
import dev.resolute.topology.RefusalHandler;
import dev.resolute.topology.RefusedOutputs;
import dev.resolute.topology.SegmentationTopology;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processor: one model, one Kafka Streams instance. Owns both and closes them in
 * order (streams first, so no task touches the model after it is freed).
 */
public final class ResoluteProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResoluteProcessor.class);

  private final OnnxModel model;
  private final KafkaStreams streams;
  private final EndOffsetWatcher endOffsets;
  private final WarmUpCache<ChunkSegmenter> warmUps;
  private final DecisionTail decisions;
  private final CameraSeries series;
  /** Only with an instance id: without one, transactional ids are Kafka Streams' own, random per start. */
  private final DeadInstanceFencer fencer;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch failed = new CountDownLatch(1);
  private volatile Throwable failure;
  private boolean closed; // guarded by this
  /** How long a clean stop may wait for the slowest chunk to finish and commit. */
  private static final Duration STREAMS_CLOSE = Duration.ofSeconds(60);
  /** Silence from the cluster after which a commit is not waited for (its end offsets are asked every 500 ms). */
  private static final Duration UNANSWERED = Duration.ofSeconds(8);

  public ResoluteProcessor(ProcessorConfig config, OnnxModel model) {
    this(config, model, null);
  }

  /** @param profile {@code --profile}: starting costs per level; null looks for {@code profile.json} beside the model */
  public ResoluteProcessor(ProcessorConfig config, OnnxModel model, java.nio.file.Path profile) {
    int levels = model.descriptor().ladder().size();
    if (config.control().startLevel() >= levels) { // fail at start-up, not on the first chunk
      throw new ConfigException(ControlConfig.START_LEVEL, "model " + model.descriptor().id() + " has levels 0.."
          + (levels - 1) + ", got " + config.control().startLevel());
    }
    this.model = model;
    ClusterLimits limits;
    try (Admin admin = Admin.create(config.adminProperties())) {
      limits = ClusterLimits.read(admin, Topics.VIDEO_CHUNKS);
    }
    TransactionBudget budget = config.transactionBudget(limits.chunkPartitions(), limits.transactionMaxTimeout());
    log.info("transactions of up to {} s ({} tasks a thread may own), polls every {} s at most, {}",
        budget.transactionTimeoutMs() / 1000, budget.tasksPerThread(), budget.maxPollIntervalMs() / 1000,
        config.instanceId() == null ? "no instance id: a killed instance's partitions and open transaction wait out their timeouts"
            : "instance id " + config.instanceId());
    this.endOffsets = new EndOffsetWatcher(config.bootstrapServers(), config.kafkaClient(), Topics.VIDEO_CHUNKS, Duration.ofMillis(500));
    java.util.function.Supplier<ChunkSegmenter> segmenters = () -> new ChunkSegmenter(model, config.maxBatch(), Clock.systemUTC());
    java.nio.file.Path costs = config.control().costCache(dev.resolute.model.store.ModelStore.userCache().costCache());
    CostCache costCache = new CostCache(costs, model.costKey());
    // the profile first: it is the user's explicit measurement of this model on this footage
    StartingCosts known = StartingCosts.firstOf(
        List.of(ProfileCosts.find(profile, model.directory(), model.descriptor()), costCache));
    // the cores one warm-up's inference keeps busy: ONNX Runtime gives each of the stream threads
    // calling the session its share of the cores; on a GPU one thread drives it
    int cores = Runtime.getRuntime().availableProcessors();
    int warmUpCores = "cpu".equals(model.device()) ? Math.max(1, cores / Math.max(1, config.streamThreads())) : 1;
    this.warmUps = new WarmUpCache<>(known, costCache, segmenters, config.control().warmUp(), Clock.systemUTC(),
        CpuMeter.process(warmUpCores));
    this.decisions = new DecisionTail(config.bootstrapServers(), config.kafkaClient());
    this.series = new CameraSeries(config.control().cameraSeries());
    // a refusal explains a thread's death for as long as the transaction it failed may stay open
    RefusedOutputs refusals = new RefusedOutputs(Duration.ofMillis(budget.transactionTimeoutMs()), Duration.ofSeconds(5),
        System::currentTimeMillis);
    Topology topology = SegmentationTopology.build(segmenters, config.control(), endOffsets, new ActiveCameras(), warmUps, decisions,
        Clock.systemUTC(), limits.captureWindow(config.maxClockSkew()), refusals);
    Properties properties = config.streamsProperties(budget);
    properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RefusalHandler.class);
    properties.put(RefusedOutputs.CONFIG, refusals);
    this.streams = new KafkaStreams(topology, properties, new ProcessorClients(config.instanceId() == null
        ? UnaryOperator.identity() : new StableTransactionalIds(config.applicationId(), config.instanceId()), refusals));
    this.fencer = config.instanceId() == null ? null : new DeadInstanceFencer(config.adminProperties(),
        new FencingRule(config.applicationId(), config.instanceId(), config.streamThreads(), ProcessorConfig.SESSION_TIMEOUT), Clock.systemUTC());
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      if (refusals.explains(e)) {
        // the broker refused one input's output: the transaction is aborted, and the input is
        // dead-lettered when a fresh thread reads it again; the other inputs are processed again
        log.warn("a stream thread stopped on a refused output; replacing it");
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      failure = e;
      log.error("processing failed: {}", e.toString(), e);
      running.countDown();
      failed.countDown();
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  /** Starts consuming and waits until Kafka Streams reports RUNNING. */
  public void start(Duration timeout) throws InterruptedException {
    // the cameras this instance will own resume from their last decisions: read them first
    decisions.start(Duration.ofSeconds(30));
    streams.start();
    if (fencer != null) {
      fencer.start(Duration.ofSeconds(2));
    }
    if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + timeout + " (state " + streams.state() + ")");
    }
    if (failure != null) {
      throw new IllegalStateException("processor failed while starting: " + failure.getMessage(), failure);
    }
  }

  public Throwable failure() {
    return failure;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The cap on cameras with series of their own, which the per-frame meters keep to. */
  public CameraSeries cameraSeries() {
    return series;
  }

  /**
   * Binds Kafka Streams' metrics to a Micrometer registry, looking for new ones every
   * {@code refresh}: a task's metrics appear only once the group has assigned it, so the binder's
   * default minute would hide them that long after a start or a rebalance. The caller owns
   * {@code scheduler}.
   */
  public KafkaStreamsMetrics streamsMetrics(ScheduledExecutorService scheduler, Duration refresh) {
    return new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh);
  }

  /**
   * Stops consuming and leaves the group, so that the partitions move on now rather than after the
   * session timeout (Kafka Streams stays in the group on a plain close, and a static member always
   * does); frees the model only once every stream thread has stopped, since a thread still inside a
   * chunk would otherwise run on a freed session. Waits up to 60 s for a chunk to finish and commit,
   * but not for a cluster that has stopped answering: then no commit can happen, and the threads
   * left behind can only be stopped from running the model, which the process exit would otherwise
   * tear down under them. Safe to call twice and from a shutdown hook: a second caller waits for the
   * first.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (stopStreams()) {
        streams.cleanUp();
        warmUps.close(); // a warm-up runs on the model's session too
        model.close();
      } else if (model.stopRuns(Duration.ofSeconds(10))) {
        log.warn("Kafka Streams did not stop; no inference runs any more, the model is left to the process exit");
      } else {
        log.warn("Kafka Streams did not stop and an inference is still running; the model is left to the process exit");
      }
    } finally {
      decisions.close();
      endOffsets.close();
      if (fencer != null) {
        fencer.close();
      }
    }
  }

  /** Starts Kafka Streams' close and watches it, giving up early once the cluster stops answering; true if it stopped. */
  private boolean stopStreams() {
    // a zero timeout only starts the close (on Kafka Streams' own thread): waiting here instead lets
    // the wait end as soon as the cluster is known to be gone
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ZERO));
    long deadline = System.nanoTime() + STREAMS_CLOSE.toNanos();
    try {
      while (!streams.state().hasCompletedShutdown()) {
        if (!endOffsets.answeredWithin(UNANSWERED)) {
          log.warn("the cluster has not answered for {} s: not waiting for Kafka Streams to commit", UNANSWERED.toSeconds());
          return false;
        }
        if (System.nanoTime() > deadline) {
          log.warn("Kafka Streams did not stop within {} s", STREAMS_CLOSE.toSeconds());
          return false;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  /** Waits until the processor stops by itself (a fatal error) or the timeout passes; true if it stopped. */
  public boolean awaitFailure(long timeoutMs) throws InterruptedException {
    return failed.await(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
