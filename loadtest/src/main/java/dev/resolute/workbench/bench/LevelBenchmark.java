package dev.resolute.workbench.bench;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.inference.UpsampleChooser.Site;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.pipeline.FramePath;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.schemas.VideoChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Times each per-frame step at every ladder level of a model, on a frame of the source size as the
 * processor gets it: decoded from an H.264 chunk, then through the processor's own {@link
 * FramePath} (scaled by FFmpeg to the inference size, run, upsampled and reduced to labels in Java
 * and in the graph, both timed, PNG-encoded). Medians of
 * {@code runs} after {@code warmUps} discarded runs (engine allocations at a new shape, JIT).
 */
public final class LevelBenchmark {

  /**
   * One level's figures; milliseconds are medians per frame.
   *
   * @param graphUpsampleMs what the graph's upsample-and-argmax adds to the inference call, with counting the labels it gave
   * @param site where the processor's measurement would put the upsampling: the faster of the two
   */
  public record Row(int level, int width, int height, double gflops, double activationMb, double decodeMs,
      double prepareMs, double inferenceMs, double javaUpsampleMs, double graphUpsampleMs, double encodeMs) {

    public Site site() {
      return Double.isNaN(graphUpsampleMs) || javaUpsampleMs <= graphUpsampleMs ? Site.JAVA : Site.GRAPH;
    }

    public double upsampleMs() {
      return site() == Site.JAVA ? javaUpsampleMs : graphUpsampleMs;
    }

    /** Everything but the network: decode, prepare, upsample where it is faster, encode. */
    public double outsideMs() {
      return decodeMs + prepareMs + upsampleMs() + encodeMs;
    }

    public double outsideShare() {
      return outsideMs() / (outsideMs() + inferenceMs);
    }

    public double framesPerSecond() {
      return 1000.0 / (outsideMs() + inferenceMs);
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

  public List<Row> run(OnnxModel model, BenchClip clip) throws ChunkDecodeException {
    VideoChunk chunk = clip.chunks().get(0);
    int sourceWidth = chunk.getWidth();
    int sourceHeight = chunk.getHeight();
    int levels = model.descriptor().ladder().size();
    List<Row> rows = new ArrayList<>();
    try (Segmenter segmenter = model.newSegmenter(); FramePath path = FramePath.of(model, segmenter)) {
      Run once = new Run(model, path, chunk);
      // the Java steps compiled first, at the cheapest level, which makes this quick
      InferenceSize cheapest = InferenceSize.of(model.descriptor(), levels - 1, sourceWidth, sourceHeight);
      JitWarmUp.run(() -> once.time(cheapest));
      for (int level = 0; level < levels; level++) {
        InferenceSize size = InferenceSize.of(model.descriptor(), level, sourceWidth, sourceHeight);
        Samples decode = new Samples(runs);
        Samples prepare = new Samples(runs);
        Samples infer = new Samples(runs);
        Samples javaUp = new Samples(runs);
        Samples graphCall = new Samples(runs);
        Samples graphCount = new Samples(runs);
        Samples encode = new Samples(runs);
        for (int run = -warmUps; run < runs; run++) {
          double[] ms = once.time(size);
          decode.add(run, ms[0]);
          prepare.add(run, ms[1]);
          infer.add(run, ms[2]);
          javaUp.add(run, ms[3]);
          encode.add(run, ms[4]);
          graphCall.add(run, ms[5]);
          graphCount.add(run, ms[6]);
        }
        GraphCost cost = model.costAt(size.height(), size.width());
        // the graph's addition to the inference call, and counting the labels it gave, as the processor charges it
        double graphUp = path.graphAvailable() ? Math.max(0, graphCall.median() - infer.median()) + graphCount.median() : Double.NaN;
        rows.add(new Row(level, size.width(), size.height(), cost.gflops(), cost.peakActivationBytes() / 1e6, decode.median(),
            prepare.median(), infer.median(), javaUp.median(), graphUp, encode.median()));
      }
    }
    return rows;
  }

  /** One frame (batch 1) through the processor's {@link FramePath} at each upsampling site, timed step by step. */
  private static final class Run {
    private final UpsampleMethod method;
    private final FramePath path;
    private final VideoChunk chunk;
    private final ChunkDecoder decoder = new ChunkDecoder();

    Run(OnnxModel model, FramePath path, VideoChunk chunk) {
      this.method = model.descriptor().upsample();
      this.path = path;
      this.chunk = chunk;
    }

    /**
     * Milliseconds: decode (per frame of the chunk), prepare, inference, Java upsample, encode, the
     * graph's labelled call and its counting of the labels (0 without the graph's tail).
     */
    double[] time(InferenceSize size) throws ChunkDecodeException {
      // decoded in every run, between the other steps, as the processor interleaves them: timed
      // alone before anything else, decode ran cold and measured up to half as slow again
      long decodeStart = System.nanoTime();
      List<DecodedFrame> frames = decoder.decode(chunk);
      double decodeMs = (System.nanoTime() - decodeStart) / 1e6 / frames.size();
      List<DecodedFrame> first = List.of(frames.get(0));
      FramePath.Labelled java = path.labelInJava(first, size, method);
      FramePath.Encoded encoded = path.encode(java.labels());
      double graphCallMs = 0;
      double graphCountMs = 0;
      if (path.graphAvailable()) {
        FramePath.Labelled graph = path.labelInGraph(first, size);
        graphCallMs = graph.inferenceMs();
        graphCountMs = graph.upsampleMs()[0];
      }
      return new double[] {decodeMs, java.prepareMs()[0], java.inferenceMs(), java.upsampleMs()[0], encoded.encodeMs()[0],
          graphCallMs, graphCountMs};
    }
  }

  /** A Markdown table with ratios against level 0 of the same run. */
  public static String markdown(String title, String device, int sourceWidth, int sourceHeight, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append(" (source ").append(sourceWidth).append('x').append(sourceHeight)
        .append(", ").append(device).append(")\n\n");
    md.append("| level | inference | GFLOPs | activations MB | inference ms | decode ms | prepare ms | upsample ms (java / graph) "
        + "| encode ms | outside inference ms | outside share | frames/s | speed vs level 0 |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    double base = rows.get(0).framesPerSecond();
    for (Row r : rows) {
      String graph = Double.isNaN(r.graphUpsampleMs()) ? "n/a" : String.format("%.2f", r.graphUpsampleMs());
      md.append(String.format("| %d | %dx%d | %.3f | %.1f | %.2f | %.2f | %.2f | %.2f / %s (%s) | %.2f | %.2f | %.0f%% | %.1f | %.2fx |%n",
          r.level(), r.width(), r.height(), r.gflops(), r.activationMb(), r.inferenceMs(), r.decodeMs(), r.prepareMs(),
          r.javaUpsampleMs(), graph, r.site().name().toLowerCase(), r.encodeMs(), r.outsideMs(), 100 * r.outsideShare(),
          r.framesPerSecond(), r.framesPerSecond() / base));
    }
    return md.append('\n').toString();
  }
}
