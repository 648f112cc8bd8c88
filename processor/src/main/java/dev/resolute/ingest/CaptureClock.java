package dev.resolute.ingest;

import java.time.Clock;

/** When a chunk's first frame was captured, on the wall clock, given its frames' source times. */
interface CaptureClock {
  long firstFrameCaptureMs(long firstPtsMicros, long lastPtsMicros);

  /**
   * A file has no capture clock: each chunk is stamped as if a camera had just recorded it, its
   * last frame captured now, so latency counts from when the frames became available.
   */
  static CaptureClock fileRead(Clock clock) {
    return (first, last) -> clock.millis() - Math.round((last - first) / 1000.0);
  }

  /**
   * A live stream follows its own clock from the moment of connecting: packets that the probe read
   * ahead arrive in a burst, and stamping them on arrival would squeeze seconds of video into
   * milliseconds. A frame is never captured after now, which also bounds clock drift.
   */
  static CaptureClock live(Clock clock, long connectedAtMs) {
    return new CaptureClock() {
      private long anchorPtsMicros = Long.MIN_VALUE;

      @Override
      public long firstFrameCaptureMs(long first, long last) {
        if (anchorPtsMicros == Long.MIN_VALUE) {
          anchorPtsMicros = first;
        }
        long latestPossible = clock.millis() - Math.round((last - first) / 1000.0);
        return Math.min(latestPossible, connectedAtMs + Math.round((first - anchorPtsMicros) / 1000.0));
      }
    };
  }
}
