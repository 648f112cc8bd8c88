package dev.resolute.schemas.time;

/**
 * Wall-clock stamps for the consecutive chunks of one camera that never run backwards and never
 * lie in the future: a chunk's first frame is never stamped before the previous chunk's last one,
 * and its last frame never after now. Where both bind (a backlog read in a burst, a replay that
 * fell behind) the chunk's frames share the wall time that is left, which the stamp's scale says.
 * Capture times are Kafka timestamps downstream, so this is what keeps them in order.
 */
public final class MonotonicStamps {
  /**
   * @param firstMs capture time of the chunk's first frame
   * @param scale wall-clock seconds per second of source time within the chunk
   */
  public record Stamp(long firstMs, double scale) {
    public long lastMs(double mediaSpanMs) {
      return firstMs + Math.round(mediaSpanMs * scale);
    }
  }

  private long previousLastMs = Long.MIN_VALUE;

  /**
   * @param wantedFirstMs where the first frame would be stamped with nothing to keep in order
   * @param mediaSpanMs source time from the chunk's first frame to its last
   * @param scale wall seconds per source second wanted (1 live, 1/X for a replay at X times)
   */
  public Stamp place(long wantedFirstMs, double mediaSpanMs, double scale, long nowMs) {
    double wallSpanMs = mediaSpanMs * scale;
    long firstMs = Math.min(wantedFirstMs, nowMs - Math.round(wallSpanMs));
    // order wins over "not in the future": when the wall clock stepped back below the previous
    // chunk's last frame, the chunk is held at that frame (scale 0, every frame at one instant)
    // until the clock catches up, which is the most the clock step can put ahead of now
    firstMs = Math.max(Math.min(nowMs, firstMs), previousLastMs);
    double squeezed = wallSpanMs <= 0 ? scale : scale * Math.max(0, Math.min(1, (nowMs - firstMs) / wallSpanMs));
    Stamp stamp = new Stamp(firstMs, squeezed);
    previousLastMs = stamp.lastMs(mediaSpanMs);
    return stamp;
  }
}
