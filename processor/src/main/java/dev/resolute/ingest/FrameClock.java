package dev.resolute.ingest;

/** Where a frame's time comes from: the source's own timestamps, or when it arrived. */
interface FrameClock {
  /** Time of a packet in microseconds, from its pts and dts in the stream's time base. */
  long micros(long pts, long dts);

  /** How many times the clock jumped back and was continued (see {@link SourceTimeline}). */
  int discontinuities();
}
