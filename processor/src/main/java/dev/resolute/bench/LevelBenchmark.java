package dev.resolute.bench;

import dev.resolute.footage.SyntheticScene;
import dev.resolute.inference.FramePreparer;
import dev.resolute.inference.Logits;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.mask.PngGrayEncoder;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.pipeline.InferenceSize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times each per-frame step at every ladder level of a model, on one frame of the source size:
 * the Java-side steps against the inference they surround, the levels against level 0. Medians of
 * {@code runs} after {@code warmUps} discarded runs (engine allocations at a new shape, JIT).
 */
public final class LevelBenchmark {

  /** One level's figures; milliseconds are medians per frame. */
  public record Row(int level, int width, int height, double gflops, double activationMb, double resizeMs,
      double inferenceMs, double upsampleMs, double encodeMs) {

    public double javaMs() {
      return resizeMs + upsampleMs + encodeMs;
    }

    public double framesPerSecond() {
      return 1000.0 / (javaMs() + inferenceMs);
    }
  }

  private final int warmUps;
  private final int runs;

  public LevelBenchmark(int warmUps, int runs) {
    if (runs < 1 || warmUps < 0) {
      throw new IllegalArgumentException("need runs >= 1 and warmUps >= 0");
    }
    this.warmUps = warmUps;
    this.runs = runs;
  }

  public List<Row> run(OnnxModel model, int sourceWidth, int sourceHeight) {
    byte[] frame = new SyntheticScene(sourceWidth, sourceHeight, 10).renderBgr(7);
    FramePreparer preparer = new FramePreparer(model.descriptor());
    List<Row> rows = new ArrayList<>();
    try (Segmenter segmenter = model.newSegmenter()) {
      for (int level = 0; level < model.descriptor().ladder().size(); level++) {
        InferenceSize size = InferenceSize.of(model.descriptor(), level, sourceWidth, sourceHeight);
        double[][] samples = new double[4][runs];
        for (int run = -warmUps; run < runs; run++) {
          long t0 = System.nanoTime();
          float[] input = new float[3 * size.width() * size.height()];
          preparer.prepare(frame, sourceWidth, sourceHeight, input, 0, size.width(), size.height());
          long t1 = System.nanoTime();
          Logits logits = segmenter.infer(input, 1, size.height(), size.width());
          long t2 = System.nanoTime();
          LabelMap labels = LogitUpsampler.upsampleArgmax(logits, 0, sourceHeight, sourceWidth, model.descriptor().upsample());
          long t3 = System.nanoTime();
          PngGrayEncoder.encode(labels.labels(), sourceWidth, sourceHeight);
          long t4 = System.nanoTime();
          if (run >= 0) {
            samples[0][run] = (t1 - t0) / 1e6;
            samples[1][run] = (t2 - t1) / 1e6;
            samples[2][run] = (t3 - t2) / 1e6;
            samples[3][run] = (t4 - t3) / 1e6;
          }
        }
        GraphCost cost = model.costAt(size.height(), size.width());
        rows.add(new Row(level, size.width(), size.height(), cost.gflops(), cost.peakActivationBytes() / 1e6,
            median(samples[0]), median(samples[1]), median(samples[2]), median(samples[3])));
      }
    }
    return rows;
  }

  /** A Markdown table with ratios against level 0 of the same run. */
  public static String markdown(String title, String device, int sourceWidth, int sourceHeight, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append(" (source ").append(sourceWidth).append('x').append(sourceHeight)
        .append(", ").append(device).append(")\n\n");
    md.append("| level | inference | GFLOPs | activations MB | inference ms | resize ms | upsample ms | encode ms | Java share | frames/s | speed vs level 0 |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    double base = rows.get(0).framesPerSecond();
    for (Row r : rows) {
      md.append(String.format("| %d | %dx%d | %.3f | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f%% | %.1f | %.2fx |%n", r.level(),
          r.width(), r.height(), r.gflops(), r.activationMb(), r.inferenceMs(), r.resizeMs(), r.upsampleMs(), r.encodeMs(),
          100 * r.javaMs() / (r.javaMs() + r.inferenceMs()), r.framesPerSecond(), r.framesPerSecond() / base));
    }
    return md.append('\n').toString();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
