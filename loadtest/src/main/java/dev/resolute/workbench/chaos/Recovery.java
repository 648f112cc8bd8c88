package dev.resolute.workbench.chaos;

/**
 * How long readers waited after one crash: until the first committed mask on any busy partition
 * (processing again), and until one on every busy partition (the read_committed stall, which an
 * unfenced dead transaction would stretch to the transaction timeout). NaN when it never came.
 */
public record Recovery(String what, double processingAgainSeconds, double stallSeconds) {
  @Override
  public String toString() {
    return String.format("%s: processing again after %.1f s, every partition after %.1f s", what, processingAgainSeconds,
        stallSeconds);
  }
}
