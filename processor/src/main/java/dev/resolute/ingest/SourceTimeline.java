package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The source's own clock, in microseconds, for every frame: its presentation time, else its decode
 * time, else one nominal frame after the last one. It stays the source's timeline (gaps, variable
 * frame rate and MPEG-TS start offsets are kept as they are) except where it jumps backwards
 * further than frame reordering can explain: a camera that restarts its clock, an MPEG-TS wrap that
 * the demuxer did not unwrap, an HLS discontinuity. From there on the frames continue one frame
 * after the latest time seen, so time never runs backwards downstream.
 */
final class SourceTimeline implements FrameClock {
  /** Reordering (B-frames, pyramids) moves frames by a few frame durations, never by this much. */
  private static final long MAX_REORDER_MICROS = 1_000_000;

  private final AVRational timeBase;
  private final long frameMicros;
  private long offsetMicros;
  private long latestMicros = Long.MIN_VALUE;
  private int discontinuities;

  SourceTimeline(AVRational timeBase, double nominalFps) {
    this.timeBase = timeBase;
    this.frameMicros = Math.round(1e6 / (nominalFps > 0 && nominalFps < 1000 ? nominalFps : 25));
  }

  /** Time of a packet (or decoded frame) given its pts and dts in the stream's time base. */
  @Override
  public long micros(long pts, long dts) {
    long raw = pts != AV_NOPTS_VALUE ? pts : dts;
    return raw == AV_NOPTS_VALUE ? next() : place(toMicros(raw));
  }

  private long next() {
    return remember(latestMicros == Long.MIN_VALUE ? 0 : latestMicros + frameMicros);
  }

  private long place(long sourceMicros) {
    long micros = sourceMicros + offsetMicros;
    if (latestMicros != Long.MIN_VALUE && micros < latestMicros - MAX_REORDER_MICROS) {
      offsetMicros += latestMicros + frameMicros - micros;
      micros = latestMicros + frameMicros;
      discontinuities++;
    }
    return remember(micros);
  }

  private long remember(long micros) {
    latestMicros = Math.max(latestMicros, micros);
    return micros;
  }

  @Override
  public int discontinuities() {
    return discontinuities;
  }

  private long toMicros(long ticks) {
    // exact for any time base: 90 kHz MPEG-TS ticks, 1/1000 Matroska, 1001/30000 AVI
    return Math.round(ticks * 1e6 * timeBase.num() / timeBase.den());
  }
}
