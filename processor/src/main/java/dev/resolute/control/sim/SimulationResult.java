package dev.resolute.control.sim;

import java.util.List;

/**
 * The trace of one simulated run, one entry per chunk, with the figures the tests and tuning need.
 */
public record SimulationResult(List<ChunkTrace> chunks) {

  /**
   * @param startSeconds when processing of the chunk started (virtual time)
   * @param lagSeconds its age at that moment
   * @param doneSeconds when its masks were out
   */
  public record ChunkTrace(double startSeconds, double lagSeconds, int level, int stride, boolean changed,
      int desiredReplicas, int framesSkipped, double doneSeconds) {}

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

  public static long changes(List<ChunkTrace> chunks) {
    return chunks.stream().filter(ChunkTrace::changed).count();
  }

  public double maxLagSeconds() {
    return chunks.stream().mapToDouble(ChunkTrace::lagSeconds).max().orElse(0);
  }

  public ChunkTrace last() {
    return chunks.get(chunks.size() - 1);
  }
}
