package dev.resolute.pipeline;

import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.Logits;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.PictureInput;
import dev.resolute.inference.Segmenter;
import dev.resolute.inference.UpsampleChooser;
import dev.resolute.inference.UpsampleChooser.Site;
import dev.resolute.mask.JavaUpsampler;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.PngGrayEncoder;
import dev.resolute.model.UpsampleMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The processor's frame path for one batch, from decoded pictures to label maps at the source size
 * and their PNGs: FFmpeg scales each picture to the inference size, the network runs, and its
 * output is upsampled and reduced to labels either in the graph or in Java, as the model's {@link
 * UpsampleChooser} has measured faster. The frames' scaling, upsampling and encoding are spread
 * over {@link FrameWorkers}, each group of frames with its own scaler. Public so that {@code bench}
 * and {@code profile} time this path rather than a copy that could drift from it: they force the
 * upsampling site, or upsample kept logits again with other methods. Not thread-safe: one per
 * processing thread, closed by its owner (the segmenter stays its creator's).
 */
public final class FramePath implements AutoCloseable {
  private final Segmenter segmenter;
  private final Supplier<PictureInput> newInput;
  /** One per group of frames the workers run at once, made when first needed. */
  private final List<PictureInput> inputs = new ArrayList<>();
  private final UpsampleChooser chooser;
  private final UpsampleMethod method;
  private final FrameWorkers workers;
  /** Reused while the level and batch size stay: zeroing a new one took most of a millisecond per 720p frame. */
  private float[] batch = new float[0];
  /** The last batch's wall time from inference to its last label map: what its site cost, preparing aside. */
  private double lastSiteMs;

  /**
   * What a batch produced and what each step took.
   *
   * @param inferenceMs the engine's call for the whole batch (with the upsampling when done in the graph)
   * @param upsampleMs per frame: the Java upsample-and-argmax, or counting the labels the graph gave
   * @param logits what the network returned, kept for {@link #upsample}; null when the graph upsampled
   *     and from {@link #label}, whose callers do not upsample again
   */
  public record Labelled(List<LabelMap> labels, double[] prepareMs, double inferenceMs, double[] upsampleMs, Site site,
      Logits logits) {}

  /** Label maps upsampled again from kept logits, with the milliseconds each frame's upsample-and-argmax took. */
  public record Upsampled(List<LabelMap> labels, double[] upsampleMs) {}

  /** Each frame's PNG and the milliseconds its encoding took. */
  public record Encoded(byte[][] pngs, double[] encodeMs) {}

  /** @param method the model's upsampling, the same in the graph and in Java */
  FramePath(Segmenter segmenter, Supplier<PictureInput> newInput, UpsampleChooser chooser, UpsampleMethod method,
      FrameWorkers workers) {
    this.segmenter = segmenter;
    this.newInput = newInput;
    this.chooser = chooser;
    this.method = method;
    this.workers = workers;
  }

  /** The path the processor runs {@code segmenter} (of {@code model}) on, with the workers it would use there. */
  public static FramePath of(OnnxModel model, Segmenter segmenter) {
    return of(model, segmenter, FrameWorkers.forDevice(segmenter.device()));
  }

  static FramePath of(OnnxModel model, Segmenter segmenter, FrameWorkers workers) {
    return new FramePath(segmenter, () -> new PictureInput(model.descriptor()), model.upsampleChooser(),
        model.descriptor().upsample(), workers);
  }

  /** Whether {@link #labelInGraph} can run: the model took the upsampling tail on its device. */
  public boolean graphAvailable() {
    return segmenter.labelsInGraph();
  }

  /**
   * As the processor labels a batch: at the site the chooser picks, whose cost the batch then adds
   * to the chooser's measurements. All frames must have the same source size.
   */
  public Labelled label(List<DecodedFrame> frames, InferenceSize size) {
    DecodedFrame first = frames.get(0);
    Site site = chooser.next(size.height(), size.width(), first.height(), first.width(), segmenter::labelsInGraph);
    Labelled labelled = run(frames, size, site, method);
    // what the site costs a frame as the batch ran, the frames side by side: the choice is about throughput
    chooser.record(size.height(), size.width(), first.height(), first.width(), site, lastSiteMs / frames.size());
    // nothing upsamples them again here, and a batch's logits at the source size can run to hundreds of MB
    return new Labelled(labelled.labels(), labelled.prepareMs(), labelled.inferenceMs(), labelled.upsampleMs(), site, null);
  }

  /** With the upsampling forced into the graph, the chooser left alone. */
  public Labelled labelInGraph(List<DecodedFrame> frames, InferenceSize size) {
    if (!segmenter.labelsInGraph()) {
      throw new IllegalStateException("the model has no upsampling tail on " + segmenter.device());
    }
    return run(frames, size, Site.GRAPH, method);
  }

  /** With the upsampling forced into Java, by {@code method}, the chooser left alone. */
  public Labelled labelInJava(List<DecodedFrame> frames, InferenceSize size, UpsampleMethod method) {
    return run(frames, size, Site.JAVA, method);
  }

  /** The labels {@code method} makes of a batch's kept logits, back at the frames' own size. */
  public Upsampled upsample(Labelled labelled, UpsampleMethod method) {
    if (labelled.logits() == null) {
      throw new IllegalArgumentException("no logits were kept for this batch: label it with labelInJava");
    }
    LabelMap[] labels = new LabelMap[labelled.labels().size()];
    double[] upsampleMs = timed(labels, i -> {
      LabelMap given = labelled.labels().get(i);
      return JavaUpsampler.upsampleArgmax(labelled.logits(), i, given.height(), given.width(), method);
    });
    return new Upsampled(Arrays.asList(labels), upsampleMs);
  }

  /** As the processor publishes the masks: one greyscale PNG per frame. */
  public Encoded encode(List<LabelMap> labels) {
    byte[][] pngs = new byte[labels.size()][];
    double[] encodeMs = timed(pngs, i -> PngGrayEncoder.encode(labels.get(i).labels(), labels.get(i).width(), labels.get(i).height()));
    return new Encoded(pngs, encodeMs);
  }

  private Labelled run(List<DecodedFrame> frames, InferenceSize size, Site site, UpsampleMethod method) {
    int n = frames.size();
    int outWidth = frames.get(0).width();
    int outHeight = frames.get(0).height();
    float[] input = batch(n, size);
    double[] prepareMs = prepare(frames, size, input);
    LabelMap[] labels = new LabelMap[n];
    long inferStart = System.nanoTime();
    double inferenceMs;
    double[] upsampleMs;
    Logits logits = null;
    if (site == Site.GRAPH) {
      byte[] all = segmenter.labels(input, n, size.height(), size.width(), outHeight, outWidth);
      inferenceMs = millisSince(inferStart);
      int plane = outWidth * outHeight;
      upsampleMs = timed(labels, i -> LabelMap.counted(outWidth, outHeight,
          Arrays.copyOfRange(all, i * plane, (i + 1) * plane), segmenter.classes()));
    } else {
      // from the size the model returned: smaller than the input for a model with an output stride
      Logits returned = segmenter.infer(input, n, size.height(), size.width());
      inferenceMs = millisSince(inferStart);
      upsampleMs = timed(labels, i -> JavaUpsampler.upsampleArgmax(returned, i, outHeight, outWidth, method));
      logits = returned;
    }
    lastSiteMs = millisSince(inferStart);
    return new Labelled(Arrays.asList(labels), prepareMs, inferenceMs, upsampleMs, site, logits);
  }

  /** Runs {@code step} for every frame on the workers, into {@code out}; returns each frame's milliseconds. */
  private <T> double[] timed(T[] out, IntFunction<T> step) {
    double[] ms = new double[out.length];
    workers.forEach(out.length, (group, i) -> {
      long start = System.nanoTime();
      out[i] = step.apply(i);
      ms[i] = millisSince(start);
    });
    return ms;
  }

  private float[] batch(int n, InferenceSize size) {
    if (batch.length != n * 3 * size.height() * size.width()) {
      batch = new float[n * 3 * size.height() * size.width()];
    }
    return batch;
  }

  /** FFmpeg scales every frame straight to the inference size, into its place in {@code input}. */
  private double[] prepare(List<DecodedFrame> frames, InferenceSize size, float[] input) {
    int n = frames.size();
    while (inputs.size() < workers.groups(n)) {
      inputs.add(newInput.get());
    }
    double[] prepareMs = new double[n];
    workers.forEach(n, (group, i) -> {
      long start = System.nanoTime();
      inputs.get(group).prepare(frames.get(i).picture(), input, i, size.width(), size.height());
      prepareMs[i] = millisSince(start);
    });
    return prepareMs;
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  @Override
  public void close() {
    inputs.forEach(PictureInput::close);
    inputs.clear();
  }
}
