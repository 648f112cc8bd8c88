package dev.resolute.decode;

import java.time.Duration;

/**
 * How far from now the capture times of a chunk's frames may lie, since each becomes the Kafka
 * timestamp of that frame's outputs: a broker refuses a record outside its
 * {@code message.timestamp.after.max.ms} / {@code before.max.ms}, and under exactly-once one
 * refused send aborts the thread's whole transaction, so every restart would stop on the same chunk.
 *
 * @param maxAheadMs the most a frame may lie in the future: the configured clock skew, or the
 *     output topics' after-limit where that is smaller
 * @param maxBehindMs the most a frame may lie in the past; {@link Long#MAX_VALUE} for no limit (the
 *     brokers' default: a backlog after an outage is old, not invalid)
 */
public record CaptureWindow(long maxAheadMs, long maxBehindMs) {
  /**
   * Kept off a finite before-limit: the outputs are sent after the chunk is processed and
   * committed, and the broker measures from then, not from the check.
   */
  static final long BEHIND_MARGIN_MS = Duration.ofMinutes(10).toMillis();
  /** Hosts kept by NTP differ by milliseconds; minutes cover one that is not, far below the brokers' 1 h. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

  public CaptureWindow {
    if (maxAheadMs < 0 || maxBehindMs < 0) {
      throw new IllegalArgumentException("capture window limits must not be negative: " + maxAheadMs + ", " + maxBehindMs);
    }
  }

  /** Only the clock skew: what a processor that could not read the cluster's limits assumes (the brokers' defaults are wider). */
  public static CaptureWindow skewOnly(Duration maxClockSkew) {
    return new CaptureWindow(maxClockSkew.toMillis(), Long.MAX_VALUE);
  }

  /**
   * @param afterMaxMs the smallest {@code message.timestamp.after.max.ms} among the output topics
   * @param beforeMaxMs the smallest {@code message.timestamp.before.max.ms} among them
   */
  public static CaptureWindow of(Duration maxClockSkew, long afterMaxMs, long beforeMaxMs) {
    long behind = beforeMaxMs == Long.MAX_VALUE ? Long.MAX_VALUE : beforeMaxMs - Math.min(BEHIND_MARGIN_MS, beforeMaxMs / 2);
    return new CaptureWindow(Math.min(maxClockSkew.toMillis(), afterMaxMs), behind);
  }

  /** Why frames captured from {@code firstMs} to {@code lastMs} cannot be published now, or null. */
  String problem(long firstMs, long lastMs, long nowMs) {
    // both times are after 2001 (checked before) and so is now: the differences cannot overflow
    if (lastMs - nowMs > maxAheadMs) {
      return String.format("frames captured up to %s, %d s ahead of now: more than the %d s a clock may be ahead",
          java.time.Instant.ofEpochMilli(lastMs), (lastMs - nowMs) / 1000, maxAheadMs / 1000);
    }
    if (nowMs - firstMs > maxBehindMs) {
      return String.format("frames captured from %s, %d s ago: older than the output topics accept (%d s)",
          java.time.Instant.ofEpochMilli(firstMs), (nowMs - firstMs) / 1000, maxBehindMs / 1000);
    }
    return null;
  }
}
