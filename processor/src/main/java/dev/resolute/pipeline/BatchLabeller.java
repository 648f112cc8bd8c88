package dev.resolute.pipeline;

import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.Logits;
import dev.resolute.inference.PictureInput;
import dev.resolute.inference.Segmenter;
import dev.resolute.inference.UpsampleChooser;
import dev.resolute.inference.UpsampleChooser.Site;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.JavaUpsampler;
import dev.resolute.model.UpsampleMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One batch from decoded pictures to label maps at the source size: FFmpeg scales each picture to
 * the inference size, the network runs, and its output is upsampled and reduced to labels either
 * in the graph or in Java, as the model's {@link UpsampleChooser} has measured faster. The frames'
 * scaling and upsampling are spread over {@link FrameWorkers}, each group of frames with its own
 * scaler. Not thread-safe: one per processing thread, closed by its owner.
 */
final class BatchLabeller implements AutoCloseable {
  private final Segmenter segmenter;
  private final Supplier<PictureInput> newInput;
  /** One per group of frames the workers run at once, made when first needed. */
  private final List<PictureInput> inputs = new ArrayList<>();
  private final UpsampleChooser chooser;
  private final UpsampleMethod method;
  private final FrameWorkers workers;
  /** Reused while the level and batch size stay: zeroing a new one took most of a millisecond per 720p frame. */
  private float[] batch = new float[0];

  /**
   * What a batch produced and what each step took.
   *
   * @param inferenceMs the engine's call for the whole batch (with the upsampling when done in the graph)
   * @param upsampleMs per frame: the Java upsample-and-argmax, or counting the labels the graph gave
   */
  record Labelled(List<LabelMap> labels, double[] prepareMs, double inferenceMs, double[] upsampleMs, Site site) {}

  /** @param method the model's upsampling, the same in the graph and in Java */
  BatchLabeller(Segmenter segmenter, Supplier<PictureInput> newInput, UpsampleChooser chooser, UpsampleMethod method,
      FrameWorkers workers) {
    this.segmenter = segmenter;
    this.newInput = newInput;
    this.chooser = chooser;
    this.method = method;
    this.workers = workers;
  }

  /** All frames must have the same source size. */
  Labelled label(List<DecodedFrame> frames, InferenceSize size) {
    int n = frames.size();
    int outWidth = frames.get(0).width();
    int outHeight = frames.get(0).height();
    if (batch.length != n * 3 * size.height() * size.width()) {
      batch = new float[n * 3 * size.height() * size.width()];
    }
    while (inputs.size() < workers.groups(n)) {
      inputs.add(newInput.get());
    }
    float[] input = batch;
    double[] prepareMs = new double[n];
    workers.forEach(n, (group, i) -> {
      long start = System.nanoTime();
      inputs.get(group).prepare(frames.get(i).picture(), input, i, size.width(), size.height());
      prepareMs[i] = millisSince(start);
    });
    Site site = chooser.next(size.height(), size.width(), outHeight, outWidth, segmenter::labelsInGraph);
    LabelMap[] labels = new LabelMap[n];
    double[] upsampleMs = new double[n];
    long inferStart = System.nanoTime();
    double inferenceMs;
    long upsampleStart;
    if (site == Site.GRAPH) {
      byte[] all = segmenter.labels(input, n, size.height(), size.width(), outHeight, outWidth);
      inferenceMs = millisSince(inferStart);
      upsampleStart = System.nanoTime();
      int plane = outWidth * outHeight;
      workers.forEach(n, (group, i) -> {
        long start = System.nanoTime();
        byte[] one = Arrays.copyOfRange(all, i * plane, (i + 1) * plane);
        labels[i] = LabelMap.counted(outWidth, outHeight, one, segmenter.classes());
        upsampleMs[i] = millisSince(start);
      });
    } else {
      // from the size the model returned: smaller than the input for a model with an output stride
      Logits logits = segmenter.infer(input, n, size.height(), size.width());
      inferenceMs = millisSince(inferStart);
      upsampleStart = System.nanoTime();
      workers.forEach(n, (group, i) -> {
        long start = System.nanoTime();
        labels[i] = JavaUpsampler.upsampleArgmax(logits, i, outHeight, outWidth, method);
        upsampleMs[i] = millisSince(start);
      });
    }
    // what the site costs a frame as the batch ran, the frames side by side: the choice is about throughput
    chooser.record(size.height(), size.width(), outHeight, outWidth, site, (inferenceMs + millisSince(upsampleStart)) / n);
    return new Labelled(Arrays.asList(labels), prepareMs, inferenceMs, upsampleMs, site);
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
