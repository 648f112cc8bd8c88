package dev.resolute.topology;

import dev.resolute.control.ActiveCameras;
import dev.resolute.control.BacklogProbe;
import dev.resolute.control.BatchPlan;
import dev.resolute.control.CameraControl;
import dev.resolute.control.CameraHistory;
import dev.resolute.control.CameraMix;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Decision;
import dev.resolute.control.LastDecision;
import dev.resolute.control.LevelStats;
import dev.resolute.control.Signals;
import dev.resolute.control.WarmUpCache;
import dev.resolute.decode.CaptureWindow;
import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkHeader;
import dev.resolute.decode.InvalidChunkException;
import dev.resolute.pipeline.BatchPlanner;
import dev.resolute.pipeline.ChunkOutcome;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.pipeline.DecodedChunk;
import dev.resolute.pipeline.FramePlan;
import dev.resolute.pipeline.SegmentedFrame;
import dev.resolute.schemas.CameraIds;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per chunk: asks the camera's control loop for a level and stride before each inference batch,
 * feeds each batch's measured cost and quality back, and forwards masks, cost records and (on a
 * change) the decisions. Takes raw bytes so that anything unusable, unreadable Avro or undecodable video,
 * reaches the dead-letter topic exactly as it arrived.
 */
final class SegmentChunkProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger log = LoggerFactory.getLogger(SegmentChunkProcessor.class);
  /** More concealed frames than this share and the chunk is dead-lettered rather than published as if whole. */
  static final double MAX_DAMAGED_SHARE = 0.5;
  static final int FAILURES_BEFORE_UNUSABLE = 2;

  private final Supplier<ChunkSegmenter> segmenters;
  private final ControlConfig control;
  private final BacklogProbe backlog;
  private final ActiveCameras activeCameras;
  private final WarmUpCache<ChunkSegmenter> warmUps;
  private final CameraHistory history;
  private final Clock clock;
  private final CaptureWindow window;
  private final RefusedOutputs refusals;
  private final Map<String, CameraControl> cameras = new HashMap<>();
  private final Map<String, Long> lastSeenMs = new HashMap<>();
  /** Per camera: the level that failed last and how many chunks in a row it failed. */
  private final Map<String, int[]> consecutiveFailures = new HashMap<>();
  private final CameraMix mix = new CameraMix(64); // a task reads one partition of the chunk topic
  private ProcessorContext<String, Object> context;
  private ChunkSegmenter segmenter;

  SegmentChunkProcessor(Supplier<ChunkSegmenter> segmenters, ControlConfig control, BacklogProbe backlog,
      ActiveCameras activeCameras, WarmUpCache<ChunkSegmenter> warmUps, CameraHistory history, Clock clock,
      CaptureWindow window, RefusedOutputs refusals) {
    this.segmenters = segmenters;
    this.control = control;
    this.backlog = backlog;
    this.activeCameras = activeCameras;
    this.warmUps = warmUps;
    this.history = history;
    this.clock = clock;
    this.window = window;
    this.refusals = refusals;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.segmenter = segmenters.get();
    activeCameras.expect(context.taskId().toString(), Thread.currentThread(), clock.millis());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String refusedBefore = refusals.reasonFor(context.recordMetadata().orElseThrow());
    if (refusedBefore != null) {
      // its dead letter was what the broker refused (a topic limit lowered below the chunk): the
      // reason and coordinates still go out, without the bytes, or the record would stop every restart
      boolean letterRefused = refusedBefore.startsWith(Topics.DEAD_LETTERS + " ");
      deadLetter(letterRefused ? record.withValue(new byte[0]) : record, refusedBefore, new RefusedOutputException(refusedBefore));
      return;
    }
    VideoChunk chunk;
    try {
      chunk = Topics.CHUNKS.read(record.value());
    } catch (SerializationException e) {
      deadLetter(record, e.getMessage(), e);
      return;
    }
    String unfit = unfitHeader(record.key(), chunk);
    if (unfit != null) {
      deadLetter(record, unfit, new InvalidChunkException(unfit));
      return;
    }
    String camera = chunk.getCameraId();
    forgetIdleCameras(clock.millis());
    DecodedChunk decoded;
    try {
      // nothing acts on a chunk (controller, arrival estimate, backlog, decisions) before its header
      // holds and its video decodes: a record that is then dead-lettered must not move the controller
      decoded = segmenter.decode(chunk);
      if (decoded.damagedFrames() > MAX_DAMAGED_SHARE * decoded.frames().size()) {
        throw new ChunkDecodeException(String.format("%d of %d frames decoded only with FFmpeg's error concealment "
            + "(more than %.0f%%): the video is damaged", decoded.damagedFrames(), decoded.frames().size(),
            MAX_DAMAGED_SHARE * 100), null);
      }
    } catch (ChunkDecodeException e) {
      deadLetter(record, "chunk " + chunk.getSequence() + " of camera " + camera + ": " + e.getMessage(), e);
      return;
    } catch (RuntimeException e) {
      deadLetter(record, "chunk " + chunk.getSequence() + " of camera " + camera + " failed to decode: " + e, e);
      return;
    } catch (OutOfMemoryError e) {
      // the budget check let through a chunk the heap could not take after all (other tasks held
      // memory too): its frames are garbage now, and retrying the record would only fail again
      deadLetter(record, "chunk " + chunk.getSequence() + " of camera " + camera + " ran out of memory while decoding ("
          + chunk.getFrameCount() + " frames of " + chunk.getWidth() + "x" + chunk.getHeight()
          + "): re-ingest with shorter chunks or give the processor more heap", new IllegalStateException(e.toString()));
      return;
    }
    try {
      CameraControl cameraControl = controlFor(chunk, decoded);
      RecordMetadata source = context.recordMetadata().orElseThrow();
      long now = clock.millis();
      lastSeenMs.put(camera, now); // seen even if its chunks fail: its state must be evictable too
      long end = backlog.endOffset(source.partition());
      mix.saw(camera);
      long behindInPartition = end < 0 ? 0 : Math.max(0, end - source.offset() - 1);
      long behind = Math.round(behindInPartition * mix.share(camera));
      double share = activeCameras.shareFor(camera, context.taskId().toString(), Thread.currentThread(), now,
          cameraControl.demandMsPerSecond());
      cameraControl.chunkArrived(now, chunk.getCaptureTimeMs(), completedAtMs(chunk), ChunkTimeline.newFrames(chunk), behind, share);
      ControlledBatches batches = new ControlledBatches(cameraControl);
      ChunkOutcome outcome = segmentNotingFailures(cameraControl, chunk, decoded, batches);
      // what this camera paid becomes its size's table for the next camera and the next start
      warmUps.refresh(chunk.getWidth(), chunk.getHeight(), cameraControl.controller().stats());
      Headers sources = RefusedOutputs.sourceHeaders(source);
      forward(camera, outcome.frames(), sources);
      for (ControlDecision published : batches.decisions) {
        // sent with the chunk's outputs, at the end of its processing: a decision never sits in an
        // open transaction for a whole chunk, where a crash would leave read_committed readers waiting
        // stamped now: the input's timestamp was checked against the chunk topic's limits, not these
        context.forward(new Record<String, Object>(camera, published, clock.millis(), sources), SegmentationTopology.DECISIONS_SINK);
        context.forward(new Record<String, Object>(camera, published, clock.millis(), sources), SegmentationTopology.LAST_DECISIONS_SINK);
      }
    } catch (RuntimeException e) {
      // one chunk the pipeline cannot handle (a size the model refuses, say) must not stop every
      // camera: under exactly-once the same record would fail again after every restart
      deadLetter(record, "chunk " + chunk.getSequence() + " of camera " + camera + " failed in processing: " + e, e);
    }
  }

  /**
   * Why the record may not be processed, or null: a camera id that is not a name (it becomes a
   * label, a file name and an HTML card), a key that is not the camera (the key picks the
   * partition, and so the task whose controller owns the camera), or capture times the output
   * topics would refuse. Checked before anything, controller and per-camera state included, sees it.
   */
  private String unfitHeader(String key, VideoChunk chunk) {
    String camera = chunk.getCameraId();
    Optional<String> badId = CameraIds.problem(camera);
    if (badId.isPresent()) {
      return "chunk " + chunk.getSequence() + ": " + badId.get();
    }
    if (!camera.equals(key)) {
      return "chunk " + chunk.getSequence() + " of camera " + camera + " came with record key '" + CameraIds.printable(key)
          + "': the key must be the camera id";
    }
    try {
      ChunkHeader.checkCaptureTimes(chunk, window, clock.millis());
      return null;
    } catch (ChunkDecodeException e) {
      return "chunk " + chunk.getSequence() + " of camera " + camera + ": " + e.getMessage();
    }
  }

  /**
   * The camera's control loop asked before every inference batch of a chunk: a level that cannot
   * keep up is left after one batch, not one chunk. Each change is published, with the figures it
   * was decided on, once the chunk's outputs go out.
   */
  private final class ControlledBatches implements BatchPlanner {
    private final CameraControl camera;
    final List<ControlDecision> decisions = new ArrayList<>();
    FramePlan last;
    private int batchLimit = Integer.MAX_VALUE;

    ControlledBatches(CameraControl camera) {
      this.camera = camera;
    }

    @Override
    public FramePlan next(int framesLeft) {
      BatchPlan plan = camera.planBatch(clock.millis(), framesLeft);
      batchLimit = plan.batchLimit();
      Decision decision = plan.decision();
      Signals signals = plan.signals();
      if (decision.changed()) {
        decisions.add(decisionRecord(camera, decision, signals));
      }
      last = new FramePlan(decision.level(), decision.stride(), plan.shadowEvery(), Math.round(signals.lagSeconds() * 1000),
          signals.backlogRecords(), signals.arrivalFps(), plan.qualityEstimate(), decision.desiredReplicas(), control.policy().id());
      return last;
    }

    @Override
    public int batchLimit() {
      return batchLimit;
    }

    @Override
    public void done(FramePlan plan, int processed, double serviceMsPerFrame, double decodeMsPerFrame, List<Double> shadowIous) {
      camera.observeBatch(plan.level(), processed, serviceMsPerFrame, decodeMsPerFrame, shadowIous);
    }
  }

  /**
   * A level that fails chunk after chunk for a camera (a native failure in inference at that
   * size) would be chosen again for every chunk and every chunk dead-lettered: after
   * {@value #FAILURES_BEFORE_UNUSABLE} failures in a row it is marked unusable for the camera, and
   * the next decision moves away from it, saying why.
   */
  private ChunkOutcome segmentNotingFailures(CameraControl cameraControl, VideoChunk chunk, DecodedChunk decoded,
      ControlledBatches batches) {
    String camera = chunk.getCameraId();
    try {
      ChunkOutcome outcome = segmenter.segment(chunk, decoded, batches);
      consecutiveFailures.remove(camera);
      return outcome;
    } catch (RuntimeException e) {
      FramePlan plan = batches.last;
      if (plan == null) {
        throw e;
      }
      int[] failures = consecutiveFailures.computeIfAbsent(camera, c -> new int[] {plan.level(), 0});
      if (failures[0] != plan.level()) {
        failures[0] = plan.level();
        failures[1] = 0;
      }
      if (++failures[1] >= FAILURES_BEFORE_UNUSABLE) {
        log.warn("camera {}: level {} failed {} chunks in a row; not using it again for this camera", camera,
            plan.level(), failures[1]);
        cameraControl.controller().levelFailed(plan.level(), failures[1] + " chunks in a row failed there: " + e.getMessage());
        consecutiveFailures.remove(camera);
      }
      throw e;
    }
  }

  /**
   * Cameras come and go (a fleet of thousands over days): the controller state of one that sent
   * nothing for the configured time are dropped, so they do not grow without bound. One that comes
   * back starts afresh, and its first decision says so.
   */
  private void forgetIdleCameras(long nowMs) {
    long idleMs = control.idleEviction().toMillis();
    lastSeenMs.entrySet().removeIf(seen -> {
      if (nowMs - seen.getValue() <= idleMs) {
        return false;
      }
      log.info("camera {}: idle for {} s, forgetting its controller state", seen.getKey(), (nowMs - seen.getValue()) / 1000);
      cameras.remove(seen.getKey());
      consecutiveFailures.remove(seen.getKey());
      return true;
    });
  }

  /**
   * When the chunk's last frame was captured: a chunk cannot be sent before that, so waiting is
   * counted from there, and a live camera cut into 1 s chunks does not read as 1 s behind.
   */
  private static long completedAtMs(VideoChunk chunk) {
    return ChunkTimeline.completedAtMs(chunk);
  }

  /**
   * The camera's controller, created on its first chunk. With no cost table for its size yet, the
   * warm-up goes to the background and the camera starts on the cheapest level; each later chunk
   * checks whether the table has arrived.
   */
  private CameraControl controlFor(VideoChunk chunk, DecodedChunk decoded) {
    CameraControl existing = cameras.get(chunk.getCameraId());
    if (existing != null) {
      if (existing.awaitingCosts()) {
        double[] table = costTable(chunk);
        if (table == null) {
          // the warm-up's rate limit may have turned this size away when the camera was first
          // seen: ask again (a size already warming up or warmed is not measured twice)
          table = warmUp(chunk, decoded);
        }
        if (table != null) {
          existing.adoptCosts(table);
        }
      }
      return existing;
    }
    double[] table = costTable(chunk);
    LastDecision last = history.last(chunk.getCameraId());
    if (last != null && last.serviceMs().length == segmenter.levels()) {
      // its partition moved here, or the processor restarted: go on where it was, and say so
      log.info("camera {}: resuming from its last decision (level {} x{})", chunk.getCameraId(), last.level(), last.stride());
      CameraControl resumed = CameraControl.resumed(chunk.getCameraId(), control, last, table, clock.millis());
      cameras.put(chunk.getCameraId(), resumed);
      return resumed;
    }
    if (table == null) {
      table = warmUp(chunk, decoded);
    }
    CameraControl created;
    if (table == null) {
      log.info("camera {} ({}x{}): no costs for this size yet, starting on the cheapest level while it warms up",
          chunk.getCameraId(), chunk.getWidth(), chunk.getHeight());
      created = CameraControl.unmeasured(chunk.getCameraId(), control, segmenter.levels(), clock.millis());
    } else {
      log.info("camera {} ({}x{}): ms/frame per level {}", chunk.getCameraId(), chunk.getWidth(), chunk.getHeight(),
          Arrays.toString(Arrays.stream(table).map(ms -> Math.round(ms * 10) / 10.0).toArray()));
      created = new CameraControl(chunk.getCameraId(), control, table, clock.millis());
      double[] quality = warmUps.quality(chunk.getWidth(), chunk.getHeight());
      if (quality != null && quality.length == table.length) {
        created.controller().stats().adoptQuality(quality);
      }
    }
    cameras.put(chunk.getCameraId(), created);
    return created;
  }

  /**
   * Asks for a warm-up of the chunk's size (bounded in count and rate by the cache); the table if
   * it is there now, as when the warm-up ran on this thread.
   */
  private double[] warmUp(VideoChunk chunk, DecodedChunk decoded) {
    // the first frame is all a warm-up reads: the rest of the chunk is not kept alive for it. Its
    // decode time is left out: a camera's first chunk pays for opening the decoder (seen: 75 ms a
    // frame for 96x64, 2 ms later), which made every level look equally slow and the autoscaler ask
    // for three instances where one was idle; the camera's own timings add the real decode share
    DecodedChunk sample = new DecodedChunk(List.of(decoded.frames().get(0)), 0);
    warmUps.request(chunk.getWidth(), chunk.getHeight(), tool -> tool.warmUp(sample), segmenter);
    return costTable(chunk);
  }

  /** A table for another ladder (the descriptor changed beside the same ONNX file) is no table. */
  private double[] costTable(VideoChunk chunk) {
    double[] table = warmUps.get(chunk.getWidth(), chunk.getHeight());
    return table != null && table.length == segmenter.levels() ? table : null;
  }

  /** Each frame's records carry its own capture time, so time-based consumers see frames, not chunks. */
  private void forward(String camera, List<SegmentedFrame> frames, Headers sources) {
    for (SegmentedFrame frame : frames) {
      long captured = frame.cost().getCaptureTimeMs();
      if (!frame.skipped()) {
        context.forward(new Record<String, Object>(camera, frame.mask(), captured, sources), SegmentationTopology.MASKS_SINK);
      }
      context.forward(new Record<String, Object>(camera, frame.cost(), captured, sources), SegmentationTopology.COSTS_SINK);
    }
  }

  private ControlDecision decisionRecord(CameraControl camera, Decision d, Signals s) {
    LevelStats stats = camera.controller().stats();
    log.info("camera {}: level {} -> {}, stride {} -> {} ({})", camera.cameraId(), d.fromLevel(), d.level(),
        d.fromStride(), d.stride(), d.reason());
    return ControlDecision.newBuilder()
        .setCameraId(camera.cameraId())
        .setTimeMs(s.nowMs())
        .setPolicy(control.policy().id())
        .setFromLevel(d.fromLevel())
        .setToLevel(d.level())
        .setFromStride(d.fromStride())
        .setToStride(d.stride())
        .setLagSeconds(s.lagSeconds())
        .setBacklogRecords(s.backlogRecords())
        .setArrivalFps(s.arrivalFps())
        .setRequiredFps(d.requiredFps())
        .setPredictedCapacityFps(d.capacityFps())
        .setServiceMsPerLevel(Arrays.stream(stats.serviceMsSnapshot()).boxed().toList())
        .setQualityPerLevel(Arrays.stream(stats.qualitySnapshot()).map(q -> Double.isNaN(q) ? -1 : q).boxed().toList())
        .setDesiredReplicas(d.desiredReplicas())
        .setReason(d.reason())
        .build();
  }

  private void deadLetter(Record<String, byte[]> record, String reason, Exception cause) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    log.warn("dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(source.topic())
        .setPartition(source.partition())
        .setOffset(source.offset())
        .setKey(record.key())
        .setReason(reason)
        .setErrorClass(cause.getClass().getName())
        .setTimestampMs(record.timestamp())
        .setOriginalBytes(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
        .build();
    // stamped now, not with the input's time: a dead letter must never be refused for its timestamp
    context.forward(new Record<String, Object>(record.key(), letter, clock.millis(), RefusedOutputs.sourceHeaders(source)),
        SegmentationTopology.DEAD_LETTERS_SINK);
  }

  @Override
  public void close() {
    if (segmenter != null) {
      segmenter.close();
    }
  }
}
