package dev.resolute.inference;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Decides, per inference size and output size, where a model's output is upsampled and reduced to
 * labels: in the graph ({@link dev.resolute.model.rewrite.LabelTail}, run by the inference engine) or in
 * Java ({@code JavaUpsampler}) from the logits. Which is faster depends on the model, the device
 * and the sizes (on a GPU the graph avoids copying every class plane back; on a small CPU the Java
 * loop can beat a generic Resize kernel), so it is measured, not assumed: the first batches of a
 * size alternate between the two, and after {@value #TRIALS} of each the faster (by its best time)
 * is kept. Both give the same labels but at exact ties, so trying one costs nothing but time.
 *
 * <p>{@code -Dresolute.upsample=java} or {@code graph} fixes the choice (default {@code auto}).
 * Thread-safe: one per loaded model, shared by its segmenters.
 */
public final class UpsampleChooser {
  public enum Site { JAVA, GRAPH }

  static final int TRIALS = 3;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UpsampleChooser.class);

  private final Site fixed;
  private final Map<String, Trial> trials = new ConcurrentHashMap<>();

  /** @param fixed the site always used, or null to measure */
  public UpsampleChooser(Site fixed) {
    this.fixed = fixed;
  }

  static UpsampleChooser fromSystemProperty() {
    String value = System.getProperty("resolute.upsample", "auto").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "auto" -> new UpsampleChooser(null);
      case "java" -> new UpsampleChooser(Site.JAVA);
      case "graph" -> new UpsampleChooser(Site.GRAPH);
      default -> throw new IllegalArgumentException("resolute.upsample must be auto, java or graph, got '" + value + "'");
    };
  }

  /**
   * Where the next batch of this size goes; JAVA when the graph path is not available. Whether it
   * is gets asked only when the graph could be chosen: asking loads the tailed graph as a second
   * session (a second copy of the weights, on a GPU in device memory), which a chooser fixed to
   * JAVA must not pay for.
   */
  public Site next(int inHeight, int inWidth, int outHeight, int outWidth, BooleanSupplier graphAvailable) {
    if (fixed == Site.JAVA || !graphAvailable.getAsBoolean()) {
      return Site.JAVA;
    }
    return fixed != null ? fixed : trial(inHeight, inWidth, outHeight, outWidth).next();
  }

  /** Reports how long a batch took at {@code site}, per frame: inference plus upsampling. */
  public void record(int inHeight, int inWidth, int outHeight, int outWidth, Site site, double msPerFrame) {
    if (fixed == null) {
      Trial trial = trial(inHeight, inWidth, outHeight, outWidth);
      if (trial.record(site, msPerFrame)) {
        log.info("upsampling {}x{} to {}x{} in {}: best {} ms a frame there, {} ms in {}", inWidth, inHeight, outWidth,
            outHeight, trial.chosen, String.format(Locale.ROOT, "%.2f", trial.best[trial.chosen.ordinal()]),
            String.format(Locale.ROOT, "%.2f", trial.best[1 - trial.chosen.ordinal()]), Site.values()[1 - trial.chosen.ordinal()]);
      }
    }
  }

  /** Whether this size's trials are over (always, when the site is fixed). */
  public boolean settled(int inHeight, int inWidth, int outHeight, int outWidth) {
    return fixed != null || trial(inHeight, inWidth, outHeight, outWidth).settled();
  }

  private Trial trial(int inHeight, int inWidth, int outHeight, int outWidth) {
    return trials.computeIfAbsent(inWidth + "x" + inHeight + ">" + outWidth + "x" + outHeight, k -> new Trial());
  }

  private static final class Trial {
    private final int[] runs = new int[2];
    private final double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    private Site chosen;

    synchronized boolean settled() {
      return chosen != null;
    }

    synchronized Site next() {
      if (chosen != null) {
        return chosen;
      }
      return runs[Site.GRAPH.ordinal()] <= runs[Site.JAVA.ordinal()] ? Site.GRAPH : Site.JAVA;
    }

    /** @return whether this sample settled the choice */
    synchronized boolean record(Site site, double ms) {
      if (chosen != null) {
        return false;
      }
      runs[site.ordinal()]++;
      best[site.ordinal()] = Math.min(best[site.ordinal()], ms);
      if (runs[0] >= TRIALS && runs[1] >= TRIALS) {
        chosen = best[Site.GRAPH.ordinal()] < best[Site.JAVA.ordinal()] ? Site.GRAPH : Site.JAVA;
        return true;
      }
      return false;
    }
  }
}
