package dev.resolute.control;

/**
 * What the next inference batch of a camera is to be, and the figures it was decided on.
 *
 * @param shadowEvery every n-th processed frame also runs at the top level to measure quality (0 = none)
 * @param qualityEstimate the chosen level's estimated quality, for the cost records
 */
public record BatchPlan(Decision decision, Signals signals, int shadowEvery, double qualityEstimate) {

  public int level() {
    return decision.level();
  }

  public int stride() {
    return decision.stride();
  }
}
