package dev.resolute.instance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether the renewals a starter reads during its watch come from a live holder or are the last
 * words of a dead one. The watch starts at the end offset, the high watermark, but a renewal the
 * dead predecessor sent just before its kill -9 can still be on its way: acknowledged by the
 * leader (acks=1) and held back by a lagging follower, it becomes visible only during the watch.
 * Counting it would make a successor started at once refuse its own id.
 *
 * <p>So a foreign nonce is a live holder only with two renewals, each stamped no earlier than
 * {@link #SKEW} before the watch began, at least half a renewal interval apart by their own stamps.
 * A dead holder renewed nothing after it died, which was before the watch began: two of its
 * renewals would have to fall into the {@link #SKEW} before the watch, less than the interval that
 * separates them. A live holder renews at least twice during the watch. The stamps are the holder's
 * clock ({@code CreateTime}) against the starter's: {@link #SKEW} is the difference tolerated,
 * far more than NTP leaves. The spacing is measured on one clock, the holder's, and rules out a
 * burst of renewals a scheduler caught up after a pause.
 */
final class HolderSightings {
  static final Duration SKEW = InstanceLease.RENEW_EVERY;
  private static final long MIN_SPACING_MS = InstanceLease.RENEW_EVERY.toMillis() / 2;
  /** Nonces under one key are starts of the same instance id: a handful. The cap only bounds a topic someone floods. */
  private static final int MAX_NONCES = 64;

  private final String key;
  private final String myNonce;
  private final long earliestCountedMs;
  private final Map<String, long[]> stampRange = new HashMap<>();

  /**
   * @param key the lease's record key (application and instance id)
   * @param myNonce this start's nonce: its own renewals are no holder
   * @param watchStartMs the starter's wall clock when it took the end offsets
   */
  HolderSightings(String key, String myNonce, long watchStartMs) {
    this.key = key;
    this.myNonce = myNonce;
    this.earliestCountedMs = watchStartMs - SKEW.toMillis();
  }

  /** The live holder once this record completes the evidence for it, else null. */
  LeaseValue offer(String recordKey, String recordValue, long timestampMs) {
    LeaseValue value = LeaseValue.parse(recordValue);
    if (!key.equals(recordKey) || value == null || value.nonce().equals(myNonce) || timestampMs < earliestCountedMs) {
      return null;
    }
    long[] range = stampRange.get(value.nonce());
    if (range == null) {
      if (stampRange.size() < MAX_NONCES) {
        stampRange.put(value.nonce(), new long[] {timestampMs, timestampMs});
      }
      return null;
    }
    range[0] = Math.min(range[0], timestampMs);
    range[1] = Math.max(range[1], timestampMs);
    return range[1] - range[0] >= MIN_SPACING_MS ? value : null;
  }
}
