package dev.resolute.control;

import java.time.Duration;

/**
 * How far {@link WarmUpCache} goes for frame sizes it has no costs for: anyone who can publish a
 * chunk picks its size, and each new size costs a warm-up of every level and a file on disk.
 *
 * @param maxSizes distinct sizes warmed up at most, for the life of the process
 * @param interval least time between two warm-ups of new sizes
 */
public record WarmUpLimits(int maxSizes, Duration interval) {
  /** More sizes than a fleet of real cameras has; one warm-up at a time at most every 10 s. */
  public static final WarmUpLimits DEFAULTS = new WarmUpLimits(32, Duration.ofSeconds(10));
}
