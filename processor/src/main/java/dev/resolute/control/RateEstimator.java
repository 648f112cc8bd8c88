package dev.resolute.control;

/**
 * Exponentially weighted rate of events per second over irregular intervals: each interval pulls
 * the estimate towards its own rate by {@code 1 - exp(-dt / tau)}, so a long quiet gap counts as
 * much as many short ones of the same total length.
 */
public final class RateEstimator {
  private final double tauSeconds;
  private double rate = Double.NaN;

  public RateEstimator(double tauSeconds) {
    this.tauSeconds = tauSeconds;
  }

  /** {@code events} happened over the last {@code seconds}. */
  public void update(double events, double seconds) {
    if (seconds <= 0) {
      return;
    }
    double observed = events / seconds;
    if (Double.isNaN(rate)) {
      rate = observed;
      return;
    }
    rate += (1 - Math.exp(-seconds / tauSeconds)) * (observed - rate);
  }

  /** Starts from a rate known from before (a previous owner of the camera), as if it were a first interval. */
  public void seed(double eventsPerSecond) {
    if (Double.isNaN(rate) && eventsPerSecond > 0) {
      rate = eventsPerSecond;
    }
  }

  /** Events per second; 0 before the first interval. */
  public double rate() {
    return Double.isNaN(rate) ? 0 : rate;
  }
}
