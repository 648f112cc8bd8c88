package dev.resolute.workbench.simulate;

import java.util.List;

/**
 * The trace of one simulated camera, one entry per chunk, with the figures the tests and tuning need.
 */
public record SimulationResult(List<ChunkTrace> chunks) {

  /**
   * @param startSeconds when processing of the chunk started (virtual time)
   * @param lagSeconds the highest lag the controller saw at any of its batches
   * @param level the level of its last batch
   * @param stride the stride of its last batch
   * @param changes how many of its batches' decisions changed level or stride
   * @param levelChanges how many of them changed the level
   * @param firstMasksSeconds when its first batch's masks were out
   * @param doneSeconds when its last masks were out
   * @param completedSeconds when its last frame was captured
   */
  public record ChunkTrace(double startSeconds, double lagSeconds, int level, int stride, int changes, int levelChanges,
      int desiredReplicas, int framesSkipped, double firstMasksSeconds, double doneSeconds, double completedSeconds) {

    public boolean changed() {
      return changes > 0;
    }
  }

  public List<ChunkTrace> after(double seconds) {
    return chunks.stream().filter(c -> c.startSeconds() >= seconds).toList();
  }

  public static double lagPercentile(List<ChunkTrace> chunks, double q) {
    double[] lags = chunks.stream().mapToDouble(ChunkTrace::lagSeconds).sorted().toArray();
    if (lags.length == 0) {
      return 0;
    }
    return lags[Math.max(0, Math.min(lags.length - 1, (int) Math.ceil(q * lags.length) - 1))];
  }

  /** Decisions that changed level or stride. */
  public static long changes(List<ChunkTrace> chunks) {
    return chunks.stream().mapToLong(ChunkTrace::changes).sum();
  }

  /** Decisions that changed the level. */
  public static long levelChanges(List<ChunkTrace> chunks) {
    return chunks.stream().mapToLong(ChunkTrace::levelChanges).sum();
  }

  public double maxLagSeconds() {
    return chunks.stream().mapToDouble(ChunkTrace::lagSeconds).max().orElse(0);
  }

  public ChunkTrace last() {
    return chunks.get(chunks.size() - 1);
  }
}
