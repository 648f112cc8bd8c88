package dev.resolute.ingest;

import dev.resolute.schemas.time.MonotonicStamps;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/** When a chunk's frames were captured, on the wall clock, from their source times. */
interface CaptureClock {
  MonotonicStamps.Stamp stamp(Payload payload);

  /**
   * A file has no capture clock: each chunk is stamped as if a camera had just recorded it, its
   * last frame captured now, so latency counts from when the frames became available.
   */
  static CaptureClock fileRead(Clock clock) {
    MonotonicStamps stamps = new MonotonicStamps();
    return payload -> {
      long now = clock.millis();
      double spanMs = (payload.lastPtsMicros() - payload.firstPtsMicros()) / 1000.0;
      return stamps.place(now - Math.round(spanMs), spanMs, 1, now);
    };
  }

  /**
   * A live stream is stamped by its own clock: capture = source time + an offset, so frames keep
   * their spacing however they arrive (the probe's read-ahead and HLS hand out seconds of video in
   * a burst). The offset is the smallest that keeps every frame seen in the last minute at or
   * before the moment it arrived, starting from "the first packet was captured as we connected":
   * a backlog pulls it down as soon as it shows, and a camera clock that drifts is followed within
   * a minute. A jump of the source clock (see {@link SourceTimeline}) starts it afresh.
   */
  static CaptureClock live(Clock clock, long connectedAtMs) {
    return new LiveCaptureClock(clock, connectedAtMs);
  }

  /** {@link #live}'s state: the recent offsets and the order of stamps. */
  final class LiveCaptureClock implements CaptureClock {
    private static final long WINDOW_MS = 60_000;

    private final Clock clock;
    private final long connectedAtMs;
    private final MonotonicStamps stamps = new MonotonicStamps();
    private final Deque<long[]> offsets = new ArrayDeque<>(); // {seen at ms, offset ms}
    private int discontinuities = -1;

    private LiveCaptureClock(Clock clock, long connectedAtMs) {
      this.clock = clock;
      this.connectedAtMs = connectedAtMs;
    }

    @Override
    public MonotonicStamps.Stamp stamp(Payload payload) {
      long now = clock.millis();
      if (payload.discontinuities() != discontinuities) {
        if (discontinuities >= 0) {
          offsets.clear(); // the source's clock jumped: offsets measured before mean nothing now
        } else {
          offsets.add(new long[] {now, connectedAtMs - Math.round(payload.streamStartMicros() / 1000.0)});
        }
        discontinuities = payload.discontinuities();
      }
      offsets.add(new long[] {now, now - Math.round(payload.lastPtsMicros() / 1000.0)});
      while (offsets.size() > 1 && offsets.peekFirst()[0] < now - WINDOW_MS) {
        offsets.removeFirst();
      }
      long offset = offsets.stream().mapToLong(o -> o[1]).min().orElseThrow();
      double spanMs = (payload.lastPtsMicros() - payload.firstPtsMicros()) / 1000.0;
      return stamps.place(Math.round(payload.firstPtsMicros() / 1000.0) + offset, spanMs, 1, now);
    }
  }
}
