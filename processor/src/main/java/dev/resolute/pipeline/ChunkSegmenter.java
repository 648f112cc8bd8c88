package dev.resolute.pipeline;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.FramePreparer;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.mask.PngGrayEncoder;
import dev.resolute.model.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.MaskEncoding;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one chunk into a mask and a cost record per frame: decode, resize and normalise, batched
 * inference, bilinear upsampling of the logits to the source size with argmax, PNG. Times every
 * step so the cost records carry measured figures.
 */
public final class ChunkSegmenter implements AutoCloseable {
  private final OnnxModel model;
  private final Segmenter segmenter;
  private final ChunkDecoder decoder = new ChunkDecoder();
  private final FramePreparer preparer;
  private final int maxBatch;
  private final int level;
  private final Clock clock;

  public ChunkSegmenter(OnnxModel model, int level, int maxBatch, Clock clock) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.model = model;
    this.segmenter = model.newSegmenter();
    this.preparer = new FramePreparer(model.descriptor());
    this.maxBatch = maxBatch;
    this.level = level;
    this.clock = clock;
  }

  public List<SegmentedFrame> segment(VideoChunk chunk) throws ChunkDecodeException {
    long lagMs = Math.max(0, clock.millis() - chunk.getCaptureTimeMs());
    long decodeStart = System.nanoTime();
    List<DecodedFrame> frames = decoder.decode(chunk);
    double decodeMsPerFrame = millisSince(decodeStart) / frames.size();

    InferenceSize size = InferenceSize.of(model.descriptor(), level, chunk.getWidth(), chunk.getHeight());
    GraphCost cost = model.costAt(size.height(), size.width());
    List<SegmentedFrame> out = new ArrayList<>(frames.size());
    for (int from = 0; from < frames.size(); from += maxBatch) {
      List<DecodedFrame> batch = frames.subList(from, Math.min(frames.size(), from + maxBatch));
      out.addAll(segmentBatch(chunk, batch, size, cost, decodeMsPerFrame, lagMs));
    }
    return out;
  }

  private List<SegmentedFrame> segmentBatch(VideoChunk chunk, List<DecodedFrame> frames, InferenceSize size,
      GraphCost cost, double decodeMsPerFrame, long lagMs) {
    ModelDescriptor descriptor = model.descriptor();
    int n = frames.size();
    float[] input = new float[n * 3 * size.height() * size.width()];
    double[] resizeMs = new double[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      DecodedFrame f = frames.get(i);
      preparer.prepare(f.bgr(), f.width(), f.height(), input, i, size.width(), size.height());
      resizeMs[i] = millisSince(start);
    }
    long inferStart = System.nanoTime();
    float[] logits = segmenter.logits(input, n, size.height(), size.width());
    double inferenceMsPerFrame = millisSince(inferStart) / n;

    List<SegmentedFrame> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DecodedFrame f = frames.get(i);
      long upStart = System.nanoTime();
      LabelMap labels = LogitUpsampler.upsampleArgmax(logits, i, segmenter.classes(), size.height(), size.width(), f.height(), f.width());
      double upsampleMs = millisSince(upStart);
      long encodeStart = System.nanoTime();
      byte[] png = PngGrayEncoder.encode(labels.labels(), f.width(), f.height());
      double encodeMs = millisSince(encodeStart);
      long captureMs = chunk.getCaptureTimeMs() + (f.ptsMicros() - chunk.getFirstPtsMicros()) / 1000;

      SegmentationMask mask = SegmentationMask.newBuilder()
          .setCameraId(chunk.getCameraId())
          .setChunkSequence(chunk.getSequence())
          .setFrameIndex(f.frameIndex())
          .setPtsMicros(f.ptsMicros())
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
      FrameCost frameCost = FrameCost.newBuilder()
          .setCameraId(chunk.getCameraId())
          .setChunkSequence(chunk.getSequence())
          .setFrameIndex(f.frameIndex())
          .setDecodeMs(decodeMsPerFrame)
          .setResizeMs(resizeMs[i])
          .setInferenceMs(inferenceMsPerFrame)
          .setUpsampleMs(upsampleMs)
          .setEncodeMs(encodeMs)
          .setEndToEndLatencyMs(Math.max(0, clock.millis() - captureMs))
          .setInferenceWidth(size.width())
          .setInferenceHeight(size.height())
          .setLevel(size.level())
          .setGflops(cost.gflops())
          .setMemoryBytes(cost.peakActivationBytes())
          .setLagMsAtDecision(lagMs)
          .setEngine(segmenter.engine())
          .setDevice(segmenter.device())
          .setBatchSize(n)
          .build();
      out.add(new SegmentedFrame(mask, frameCost));
    }
    return out;
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
    segmenter.close();
  }
}
