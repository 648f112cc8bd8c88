package dev.resolute.workbench.profile;

import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.ClassIou;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.pipeline.FramePath;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.profile.ModelProfile;
import dev.resolute.profile.ProfileRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every profiled frame through every level, one frame per call as the processor does on a
 * quiet camera, and every upsampling method on the same logits, so that methods differ only in
 * their own step. Each step is the processor's own {@link FramePath}: FFmpeg's scaler to the
 * inference size, the network, Java's upsampling (the first method's, then each other method's from
 * the kept logits), the PNG encoding. The first frame runs once untimed at each level first (the
 * engine's allocations at a new shape, loops not compiled yet).
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
    int classes = descriptor.outputKind() == dev.resolute.model.OutputKind.PROBABILITY ? 2 : descriptor.classNames().size();
    int n = footage.frames().size();
    int w = footage.width();
    int h = footage.height();
    int levels = fractions.size();
    InferenceSize[] sizes = new InferenceSize[levels];
    for (int level = 0; level < levels; level++) {
      sizes[level] = new InferenceSize(level, InferenceSize.round(w * fractions.get(level), descriptor.sizeMultiple()),
          InferenceSize.round(h * fractions.get(level), descriptor.sizeMultiple()));
    }
    Samples samples = new Samples(levels, methods.size(), n, classes);
    try (Segmenter segmenter = model.newSegmenter(); FramePath path = FramePath.of(model, segmenter)) {
      for (InferenceSize size : sizes) {
        path.labelInJava(List.of(footage.frames().get(0)), size, methods.get(0));
      }
      // frame by frame, every level in turn: a busy spell on a shared machine then slows all levels
      // alike instead of whichever level happened to run during it
      for (int f = 0; f < n; f++) {
        List<DecodedFrame> frame = List.of(footage.frames().get(f));
        byte[][] top = new byte[methods.size()][];
        for (int level = 0; level < levels; level++) {
          FramePath.Labelled labelled = path.labelInJava(frame, sizes[level], methods.get(0));
          samples.resize[level][f] = labelled.prepareMs()[0];
          samples.inference[level][f] = labelled.inferenceMs();
          for (int m = 0; m < methods.size(); m++) {
            // every method from the same logits, so that methods differ only in their own step
            FramePath.Upsampled upsampled = m == 0
                ? new FramePath.Upsampled(labelled.labels(), labelled.upsampleMs())
                : path.upsample(labelled, methods.get(m));
            byte[] labels = upsampled.labels().get(0).labels();
            samples.upsample[level][m][f] = upsampled.upsampleMs()[0];
            samples.encode[level][m][f] = path.encode(upsampled.labels()).encodeMs()[0];
            if (quality) {
              if (level == 0) {
                top[m] = labels;
              }
              samples.topIou[level][m][f] = iou(classes, labels, top[m]);
              if (footage.labelled()) {
                samples.labelIou[level][m][f] = iou(classes, labels, footage.labels().get(f));
                samples.pooled[level][m].add(labels, footage.labels().get(f));
              }
            }
          }
        }
      }
    }
    List<ProfileRow> rows = new ArrayList<>();
    boolean labelled = quality && footage.labelled();
    for (int m = 0; m < methods.size(); m++) {
      for (int level = 0; level < levels; level++) {
        GraphCost cost = model.costAt(sizes[level].height(), sizes[level].width());
        double[] total = new double[n];
        for (int f = 0; f < n; f++) {
          total[f] = footage.decodeMs() + samples.resize[level][f] + samples.inference[level][f] + samples.upsample[level][m][f]
              + samples.encode[level][m][f];
        }
        rows.add(new ProfileRow(methods.get(m).label(), level, fractions.get(level), sizes[level].width(), sizes[level].height(),
            cost.gflops(),
            cost.peakActivationBytes() / 1e6, footage.decodeMs(),
            Percentiles.p50(samples.resize[level]), Percentiles.p95(samples.resize[level]),
            Percentiles.p50(samples.inference[level]), Percentiles.p95(samples.inference[level]),
            Percentiles.p50(samples.upsample[level][m]), Percentiles.p95(samples.upsample[level][m]),
            Percentiles.p50(samples.encode[level][m]), Percentiles.p95(samples.encode[level][m]),
            Percentiles.p50(total), Percentiles.p95(total), 1000 / Percentiles.mean(total),
            labelled ? samples.pooled[level][m].mean() : null, labelled ? Percentiles.spread(samples.labelIou[level][m]) : null,
            quality ? Percentiles.mean(samples.topIou[level][m]) : null,
            quality ? Percentiles.spread(samples.topIou[level][m]) : null));
      }
    }
    String kind = !quality ? "none" : footage.labelled() ? "miou" : "agreement";
    return new ModelProfile(descriptor.id(), model.costKey(), model.engine(), model.device(), footage.description(), w, h, n,
        kind, LocalDate.now().toString(), methods.stream().map(UpsampleMethod::label).toList(), rows);
  }

  /** Per-frame figures by level, method and frame. */
  private static final class Samples {
    final double[][] resize;
    final double[][] inference;
    final double[][][] upsample;
    final double[][][] encode;
    final double[][][] labelIou;
    final double[][][] topIou;
    final ClassIou[][] pooled;

    Samples(int levels, int methods, int frames, int classes) {
      resize = new double[levels][frames];
      inference = new double[levels][frames];
      upsample = new double[levels][methods][frames];
      encode = new double[levels][methods][frames];
      labelIou = new double[levels][methods][frames];
      topIou = new double[levels][methods][frames];
      pooled = new ClassIou[levels][methods];
      for (ClassIou[] row : pooled) {
        Arrays.setAll(row, i -> new ClassIou(classes));
      }
    }
  }

  private static double iou(int classes, byte[] predicted, byte[] reference) {
    ClassIou iou = new ClassIou(classes);
    iou.add(predicted, reference);
    return iou.mean();
  }
}
