package dev.resolute.ingest;

import java.time.Clock;

/** When a chunk's frames were captured, on the wall clock, given their source times. */
interface CaptureClock {
  /**
   * @param firstMs capture time of the chunk's first frame
   * @param scale wall-clock seconds per second of source time within the chunk
   */
  record Stamp(long firstMs, double scale) {}

  Stamp stamp(long firstPtsMicros, long lastPtsMicros);

  /**
   * A file has no capture clock: each chunk is stamped as if a camera had just recorded it, its
   * last frame captured now, so latency counts from when the frames became available.
   */
  static CaptureClock fileRead(Clock clock) {
    return (first, last) -> new Stamp(clock.millis() - Math.round((last - first) / 1000.0), 1);
  }

  /**
   * A live stream follows its own clock from the moment of connecting: packets that the probe read
   * ahead arrive in a burst, and stamping them on arrival would squeeze seconds of video into
   * milliseconds. Two limits hold whatever the stream does: no frame is captured after now, and no
   * frame before the previous chunk's last one. Where a burst (an HLS server handing out its
   * back catalogue of segments) makes both bind, the chunk's frames are spread over the wall time
   * left between them.
   */
  static CaptureClock live(Clock clock, long connectedAtMs) {
    return new CaptureClock() {
      private long anchorPtsMicros = Long.MIN_VALUE;
      private long previousLastMs = Long.MIN_VALUE;

      @Override
      public Stamp stamp(long first, long last) {
        if (anchorPtsMicros == Long.MIN_VALUE) {
          anchorPtsMicros = first;
        }
        long now = clock.millis();
        double spanMs = (last - first) / 1000.0;
        long firstMs = Math.min(now - Math.round(spanMs), connectedAtMs + Math.round((first - anchorPtsMicros) / 1000.0));
        firstMs = Math.min(now, Math.max(firstMs, previousLastMs));
        double scale = spanMs <= 0 ? 1 : Math.min(1, (now - firstMs) / spanMs);
        previousLastMs = firstMs + Math.round(spanMs * scale);
        return new Stamp(firstMs, scale);
      }
    };
  }
}
