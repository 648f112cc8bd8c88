package dev.resolute.pipeline;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.ClassIou;
import dev.resolute.mask.LabelMap;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.MaskEncoding;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one chunk into a mask and a cost record per frame: decode, scale and normalise, batched
 * inference, upsampling of the output from the size the model returned to the source size with
 * argmax (in the graph or in Java, see {@link FramePath}), PNG. Times every
 * step so the cost records, and the controller, work from measured figures.
 */
public final class ChunkSegmenter implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChunkSegmenter.class);
  private final OnnxModel model;
  private final Segmenter segmenter;
  private final ChunkDecoder decoder = new ChunkDecoder();
  private final FramePath path;
  /** Shrinks, never grows, when a batch runs the engine out of native memory. */
  private int maxBatch;
  private final Clock clock;

  public ChunkSegmenter(OnnxModel model, int maxBatch, Clock clock) {
    this(model, model.newSegmenter(), maxBatch, clock);
  }

  /** With the engine's segmenter given, so that tests can make it fail. */
  ChunkSegmenter(OnnxModel model, Segmenter segmenter, int maxBatch, Clock clock) {
    this(model, segmenter, maxBatch, clock, FrameWorkers.forDevice(segmenter.device()));
  }

  /** With the workers given too, so that tests can compare one thread with several. */
  ChunkSegmenter(OnnxModel model, Segmenter segmenter, int maxBatch, Clock clock, FrameWorkers workers) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.model = model;
    this.segmenter = segmenter;
    this.path = FramePath.of(model, segmenter, workers);
    this.maxBatch = model.batchLimit(maxBatch);
    this.clock = clock;
  }

  public int levels() {
    return model.descriptor().ladder().size();
  }

  /**
   * Milliseconds per frame of every ladder level for this chunk's camera, measured on its first
   * frame: the whole per-frame path, with the decode share. Three rounds over every level, the
   * fastest run of each level counting: the first ones pay for the engine's allocations at a new
   * shape and for Java loops that are not compiled yet, and rounds (rather than three runs of one
   * level, then the next) time every level under the same load, so that a CPU busy with something
   * else for a moment does not make one level look twenty times its cost next to the others.
   */
  public double[] warmUp(DecodedChunk decoded) {
    double decodeMs = decoded.decodeMsPerFrame();
    DecodedFrame frame = decoded.frames().get(0);
    double[] ms = new double[levels()];
    java.util.Arrays.fill(ms, Double.POSITIVE_INFINITY);
    for (int run = 0; run < 3; run++) {
      for (int level = 0; level < ms.length; level++) {
        InferenceSize size = InferenceSize.of(model.descriptor(), level, frame.width(), frame.height());
        long start = System.nanoTime();
        path.encode(List.of(labelsAt(frame, size)));
        ms[level] = Math.min(ms[level], decodeMs + millisSince(start));
      }
    }
    for (int level = 0; level < ms.length; level++) {
      InferenceSize size = InferenceSize.of(model.descriptor(), level, frame.width(), frame.height());
      if (segmenter.device().startsWith("tensorrt") && maxBatch > 1) {
        // TensorRT builds an engine per input shape, batch included: build the full-batch one now,
        // not inside the first chunk's transaction
        path.label(java.util.Collections.nCopies(maxBatch, frame), size);
      }
    }
    return ms;
  }

  /**
   * Decodes the chunk, all or nothing (see {@link ChunkDecoder}), timing it for the cost records.
   * Only its new frames come back: decode-only frames (published in an earlier chunk) are decoded
   * for the frames after them and go no further, so they get no mask, cost record or stride. Their
   * decode time is charged to the new frames, which could not be had without it.
   */
  public DecodedChunk decode(VideoChunk chunk) throws ChunkDecodeException {
    long decodeStart = System.nanoTime();
    List<DecodedFrame> frames = decoder.decode(chunk);
    List<DecodedFrame> fresh = List.copyOf(frames.subList(ChunkTimeline.firstNewFrame(chunk), frames.size()));
    return new DecodedChunk(fresh, millisSince(decodeStart));
  }

  /** The whole chunk under one plan. */
  public ChunkOutcome segment(VideoChunk chunk, DecodedChunk decoded, FramePlan plan) {
    return segment(chunk, decoded, BatchPlanner.constant(plan));
  }

  /**
   * Segments the chunk batch by batch, asking {@code planner} for each batch's plan: a batch takes
   * the next frames its plan's stride processes, and the frames that stride passes over on the way
   * are skipped under the same plan, so every frame's cost record carries the level and stride it
   * was (or was not) processed at.
   */
  public ChunkOutcome segment(VideoChunk chunk, DecodedChunk decoded, BatchPlanner planner) {
    List<DecodedFrame> frames = decoded.frames();
    double decodeMsPerFrame = decoded.decodeMsPerFrame();
    List<SegmentedFrame> out = new ArrayList<>(frames.size());
    List<Double> shadowIous = new ArrayList<>();
    double workMs = 0;
    int processedFrames = 0;
    for (int next = 0; next < frames.size(); ) {
      FramePlan plan = planner.next(frames.size() - next);
      InferenceSize size = InferenceSize.of(model.descriptor(), plan.level(), chunk.getWidth(), chunk.getHeight());
      GraphCost cost = model.costAt(size.height(), size.width());
      int limit = Math.max(1, Math.min(maxBatch, planner.batchLimit()));
      List<DecodedFrame> batch = new ArrayList<>(limit);
      int mark = out.size();
      int end = next;
      for (; end < frames.size() && batch.size() < limit; end++) {
        DecodedFrame f = frames.get(end);
        if (plan.processes(f.frameIndex())) {
          batch.add(f);
        } else {
          out.add(new SegmentedFrame(null, skippedCost(chunk, f, size, cost, decodeMsPerFrame, plan)));
        }
      }
      if (batch.isEmpty()) {
        planner.done(plan, 0, 0, decodeMsPerFrame, List.of());
        next = end;
        continue;
      }
      List<Double> batchIous = new ArrayList<>();
      try {
        double batchMs = segmentBatch(chunk, batch, size, cost, decodeMsPerFrame, plan, out, batchIous);
        workMs += batchMs;
        processedFrames += batch.size();
        shadowIous.addAll(batchIous);
        planner.done(plan, batch.size(), decodeMsPerFrame + batchMs / batch.size(), decodeMsPerFrame, batchIous);
        next = end;
      } catch (RuntimeException e) {
        if (batch.size() == 1 || !NativeMemory.ranOut(e)) {
          throw e;
        }
        halveBatches(batch.size(), size, out, mark);
      } catch (OutOfMemoryError e) {
        // the batch's input array or the scaler's native buffers did not fit: as recoverable as the
        // engine running out, and an Error would escape every handler and stop the instance, on
        // every restart again under exactly-once
        if (batch.size() == 1) {
          throw new IllegalStateException("one frame at " + size.width() + "x" + size.height() + " ran out of memory: " + e, e);
        }
        halveBatches(batch.size(), size, out, mark);
      }
    }
    out.sort(java.util.Comparator.comparingLong(s -> s.cost().getFrameIndex()));
    double serviceMs = processedFrames == 0 ? 0 : decodeMsPerFrame + workMs / processedFrames;
    return new ChunkOutcome(out, serviceMs, decodeMsPerFrame, shadowIous);
  }

  /** The same batch would fail again in the retried transaction: halve it, for this chunk and the rest. */
  private void halveBatches(int failedBatch, InferenceSize size, List<SegmentedFrame> out, int mark) {
    out.subList(mark, out.size()).clear(); // its skipped frames are planned again with the retry
    maxBatch = Math.max(1, failedBatch / 2);
    log.warn("inference of {} frames at {}x{} ran out of memory; batches of {} from now on",
        failedBatch, size.width(), size.height(), maxBatch);
  }

  /** Processes one batch into {@code out}; returns its wall time in ms without shadow runs. */
  private double segmentBatch(VideoChunk chunk, List<DecodedFrame> frames, InferenceSize size, GraphCost cost,
      double decodeMsPerFrame, FramePlan plan, List<SegmentedFrame> out, List<Double> shadowIous) {
    int n = frames.size();
    long start = System.nanoTime();
    FramePath.Labelled labelled = path.label(frames, size);
    double[] resizeMs = labelled.prepareMs();
    double inferenceMs = labelled.inferenceMs();
    FramePath.Encoded encoded = path.encode(labelled.labels());
    byte[][] pngs = encoded.pngs();
    double[] encodeMs = encoded.encodeMs();
    // wall time, not the steps' sum: the frames' work ran side by side, and throughput is what the controller plans with
    double work = millisSince(start);

    for (int i = 0; i < n; i++) {
      DecodedFrame f = frames.get(i);
      LabelMap labels = labelled.labels().get(i);
      Double shadowIou = plan.shadows(f.frameIndex()) ? shadowIou(f, labels) : null;
      if (shadowIou != null) {
        shadowIous.add(shadowIou);
      }
      FrameCost frameCost = costBuilder(chunk, f, size, cost, plan)
          .setDecodeMs(decodeMsPerFrame)
          .setResizeMs(resizeMs[i])
          .setInferenceMs(inferenceMs / n)
          .setUpsampleMs(labelled.upsampleMs()[i])
          .setEncodeMs(encodeMs[i])
          .setEndToEndLatencyMs(latencyMs(chunk, f))
          .setBatchSize(n)
          .setShadowIou(shadowIou)
          .build();
      out.add(new SegmentedFrame(mask(chunk, f, size, labels, pngs[i]), frameCost));
    }
    return work;
  }

  /** One frame alone at one inference size, back at its own size: warm-up and shadow runs. */
  private LabelMap labelsAt(DecodedFrame f, InferenceSize size) {
    return path.label(List.of(f), size).labels().get(0);
  }

  /** Runs the frame at the top level too and scores this level's labels against it. */
  private double shadowIou(DecodedFrame f, LabelMap labels) {
    LabelMap reference = labelsAt(f, InferenceSize.of(model.descriptor(), 0, f.width(), f.height()));
    ClassIou iou = new ClassIou(segmenter.classes());
    iou.add(labels.labels(), reference.labels());
    return iou.mean();
  }

  private FrameCost skippedCost(VideoChunk chunk, DecodedFrame f, InferenceSize size, GraphCost cost,
      double decodeMsPerFrame, FramePlan plan) {
    return costBuilder(chunk, f, size, cost, plan)
        .setDecodeMs(decodeMsPerFrame)
        .setResizeMs(0).setInferenceMs(0).setUpsampleMs(0).setEncodeMs(0)
        .setEndToEndLatencyMs(latencyMs(chunk, f))
        .setBatchSize(0)
        .setSkipped(true)
        .setShadowIou(null)
        .build();
  }

  private FrameCost.Builder costBuilder(VideoChunk chunk, DecodedFrame f, InferenceSize size, GraphCost cost, FramePlan plan) {
    return FrameCost.newBuilder()
        .setCameraId(chunk.getCameraId())
        .setChunkSequence(chunk.getSequence())
        .setFrameIndex(f.frameIndex())
        .setPtsMicros(f.ptsMicros())
        .setCaptureTimeMs(ChunkTimeline.captureTimeMs(chunk, f.ptsMicros()))
        .setDamaged(f.damaged())
        .setInferenceWidth(size.width())
        .setInferenceHeight(size.height())
        .setLevel(size.level())
        .setGflops(cost.gflops())
        .setMemoryBytes(cost.peakActivationBytes())
        .setLagMsAtDecision(plan.lagMs())
        .setEngine(segmenter.engine())
        .setDevice(segmenter.device())
        .setStride(plan.stride())
        .setQualityEstimate(plan.qualityEstimate())
        .setDesiredReplicas(plan.desiredReplicas())
        .setBacklogRecords(plan.backlogRecords())
        .setArrivalFps(plan.arrivalFps())
        .setPolicy(plan.policy());
  }

  private SegmentationMask mask(VideoChunk chunk, DecodedFrame f, InferenceSize size, LabelMap labels, byte[] png) {
    ModelDescriptor descriptor = model.descriptor();
    return SegmentationMask.newBuilder()
        .setCameraId(chunk.getCameraId())
        .setChunkSequence(chunk.getSequence())
        .setFrameIndex(f.frameIndex())
        .setPtsMicros(f.ptsMicros())
        .setCaptureTimeMs(ChunkTimeline.captureTimeMs(chunk, f.ptsMicros()))
        .setRotationDegrees(chunk.getRotationDegrees())
        .setDamaged(f.damaged())
        .setSourceWidth(f.width())
        .setSourceHeight(f.height())
        .setInferenceWidth(size.width())
        .setInferenceHeight(size.height())
        .setClassNames(descriptor.classNames())
        .setMaskEncoding(MaskEncoding.PNG_GRAY8)
        .setMask(ByteBuffer.wrap(png))
        .setClassFractions(boxed(labels.classFractions()))
        .setModelId(descriptor.id())
        .build();
  }

  /** From the frame's capture time (media time scaled to wall time for replays) to now. */
  private double latencyMs(VideoChunk chunk, DecodedFrame f) {
    return Math.max(0, clock.millis() - ChunkTimeline.captureTimeMs(chunk, f.ptsMicros()));
  }

  private static List<Float> boxed(float[] values) {
    List<Float> list = new ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return list;
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  @Override
  public void close() {
    path.close();
    segmenter.close();
  }
}
