package dev.resolute.profile;

import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.FramePreparer;
import dev.resolute.inference.Logits;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.ClassIou;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.mask.PngGrayEncoder;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.pipeline.InferenceSize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every profiled frame through every level, one frame per call as the processor does on a
 * quiet camera, and every upsampling method on the same logits, so that methods differ only in
 * their own step. The first frame runs once untimed at each level (the engine's allocations at a
 * new shape, loops not compiled yet).
 */
public final class LevelProfiler {
  private final List<Double> fractions;
  private final List<UpsampleMethod> methods;
  private final boolean quality;

  /**
   * @param fractions levels as fractions of the source size, highest first
   * @param methods upsampling methods to compare; the first is the one the processor's costs come from
   * @param quality false leaves quality empty (a model with untrained weights: its masks mean nothing)
   */
  public LevelProfiler(List<Double> fractions, List<UpsampleMethod> methods, boolean quality) {
    if (fractions.isEmpty() || methods.isEmpty()) {
      throw new IllegalArgumentException("need at least one level and one upsampling method");
    }
    this.fractions = List.copyOf(fractions);
    this.methods = List.copyOf(methods);
    this.quality = quality;
  }

  public ModelProfile run(OnnxModel model, ProfileFootage footage) {
    ModelDescriptor descriptor = model.descriptor();
    FramePreparer preparer = new FramePreparer(descriptor);
    int classes = descriptor.outputKind() == dev.resolute.model.OutputKind.PROBABILITY ? 2 : descriptor.classNames().size();
    int n = footage.frames().size();
    int w = footage.width();
    int h = footage.height();
    // level 0's mask of every frame, per method: what the other levels agree with
    byte[][][] top = new byte[methods.size()][n][];
    List<ProfileRow> rows = new ArrayList<>();
    try (Segmenter segmenter = model.newSegmenter()) {
      for (int level = 0; level < fractions.size(); level++) {
        int width = InferenceSize.round(w * fractions.get(level), descriptor.sizeMultiple());
        int height = InferenceSize.round(h * fractions.get(level), descriptor.sizeMultiple());
        segmenter.infer(prepared(preparer, footage.frames().get(0), width, height), 1, height, width);
        double[] resize = new double[n];
        double[] inference = new double[n];
        double[][] upsample = new double[methods.size()][n];
        double[][] encode = new double[methods.size()][n];
        double[][] labelIou = new double[methods.size()][n];
        double[][] topIou = new double[methods.size()][n];
        ClassIou[] pooled = new ClassIou[methods.size()];
        Arrays.setAll(pooled, i -> new ClassIou(classes));
        for (int f = 0; f < n; f++) {
          DecodedFrame frame = footage.frames().get(f);
          long t0 = System.nanoTime();
          float[] input = prepared(preparer, frame, width, height);
          long t1 = System.nanoTime();
          Logits logits = segmenter.infer(input, 1, height, width);
          long t2 = System.nanoTime();
          resize[f] = ms(t0, t1);
          inference[f] = ms(t1, t2);
          for (int m = 0; m < methods.size(); m++) {
            long u0 = System.nanoTime();
            LabelMap labels = LogitUpsampler.upsampleArgmax(logits, 0, h, w, methods.get(m));
            long u1 = System.nanoTime();
            PngGrayEncoder.encode(labels.labels(), w, h);
            long u2 = System.nanoTime();
            upsample[m][f] = ms(u0, u1);
            encode[m][f] = ms(u1, u2);
            if (!quality) {
              continue;
            }
            if (level == 0) {
              top[m][f] = labels.labels();
            }
            topIou[m][f] = iou(classes, labels.labels(), top[m][f]);
            if (footage.labelled()) {
              labelIou[m][f] = iou(classes, labels.labels(), footage.labels().get(f));
              pooled[m].add(labels.labels(), footage.labels().get(f));
            }
          }
        }
        GraphCost cost = model.costAt(height, width);
        for (int m = 0; m < methods.size(); m++) {
          double[] total = new double[n];
          for (int f = 0; f < n; f++) {
            total[f] = footage.decodeMs() + resize[f] + inference[f] + upsample[m][f] + encode[m][f];
          }
          boolean labelled = quality && footage.labelled();
          rows.add(new ProfileRow(methods.get(m).label(), level, fractions.get(level), width, height, cost.gflops(),
              cost.peakActivationBytes() / 1e6, footage.decodeMs(),
              Percentiles.p50(resize), Percentiles.p95(resize), Percentiles.p50(inference), Percentiles.p95(inference),
              Percentiles.p50(upsample[m]), Percentiles.p95(upsample[m]), Percentiles.p50(encode[m]), Percentiles.p95(encode[m]),
              Percentiles.p50(total), Percentiles.p95(total), 1000 / Percentiles.mean(total),
              labelled ? pooled[m].mean() : null, labelled ? Percentiles.spread(labelIou[m]) : null,
              quality ? Percentiles.mean(topIou[m]) : null, quality ? Percentiles.spread(topIou[m]) : null));
        }
      }
    }
    String kind = !quality ? "none" : footage.labelled() ? "miou" : "agreement";
    return new ModelProfile(descriptor.id(), model.costKey(), model.engine(), model.device(), footage.description(), w, h, n,
        kind, LocalDate.now().toString(), methods.stream().map(UpsampleMethod::label).toList(), rows);
  }

  private static float[] prepared(FramePreparer preparer, DecodedFrame frame, int width, int height) {
    float[] input = new float[3 * width * height];
    preparer.prepare(frame.bgr(), frame.width(), frame.height(), input, 0, width, height);
    return input;
  }

  private static double iou(int classes, byte[] predicted, byte[] reference) {
    ClassIou iou = new ClassIou(classes);
    iou.add(predicted, reference);
    return iou.mean();
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }
}
