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
import java.util.List;

/**
 * One batch from decoded pictures to label maps at the source size: FFmpeg scales each picture to
 * the inference size, the network runs, and its output is upsampled and reduced to labels either
 * in the graph or in Java, as the model's {@link UpsampleChooser} has measured faster. Not
 * thread-safe: one per processing thread, closed by its owner.
 */
final class BatchLabeller implements AutoCloseable {
  private final Segmenter segmenter;
  private final PictureInput input;
  private final UpsampleChooser chooser;
  private final UpsampleMethod method;
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
  BatchLabeller(Segmenter segmenter, PictureInput input, UpsampleChooser chooser, UpsampleMethod method) {
    this.segmenter = segmenter;
    this.input = input;
    this.chooser = chooser;
    this.method = method;
  }

  /** All frames must have the same source size. */
  Labelled label(List<DecodedFrame> frames, InferenceSize size) {
    int n = frames.size();
    int outWidth = frames.get(0).width();
    int outHeight = frames.get(0).height();
    if (batch.length != n * 3 * size.height() * size.width()) {
      batch = new float[n * 3 * size.height() * size.width()];
    }
    double[] prepareMs = new double[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      input.prepare(frames.get(i).picture(), batch, i, size.width(), size.height());
      prepareMs[i] = millisSince(start);
    }
    Site site = chooser.next(size.height(), size.width(), outHeight, outWidth, segmenter::labelsInGraph);
    List<LabelMap> labels = new ArrayList<>(n);
    double[] upsampleMs = new double[n];
    long inferStart = System.nanoTime();
    double inferenceMs;
    if (site == Site.GRAPH) {
      byte[] all = segmenter.labels(batch, n, size.height(), size.width(), outHeight, outWidth);
      inferenceMs = millisSince(inferStart);
      int plane = outWidth * outHeight;
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        byte[] one = java.util.Arrays.copyOfRange(all, i * plane, (i + 1) * plane);
        labels.add(LabelMap.counted(outWidth, outHeight, one, segmenter.classes()));
        upsampleMs[i] = millisSince(start);
      }
    } else {
      // from the size the model returned: smaller than the input for a model with an output stride
      Logits logits = segmenter.infer(batch, n, size.height(), size.width());
      inferenceMs = millisSince(inferStart);
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        labels.add(JavaUpsampler.upsampleArgmax(logits, i, outHeight, outWidth, method));
        upsampleMs[i] = millisSince(start);
      }
    }
    double upsampleTotal = 0;
    for (double ms : upsampleMs) {
      upsampleTotal += ms;
    }
    chooser.record(size.height(), size.width(), outHeight, outWidth, site, (inferenceMs + upsampleTotal) / n);
    return new Labelled(labels, prepareMs, inferenceMs, upsampleMs, site);
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  @Override
  public void close() {
    input.close();
  }
}
