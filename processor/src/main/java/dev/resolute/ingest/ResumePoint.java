package dev.resolute.ingest;

import dev.resolute.schemas.SourceClock;
import java.time.Duration;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Where a camera's published video stops on the source's own clock: the raw presentation time of
 * the last frame published, in the stream's time base. Times compare by their difference modulo
 * 2^{@code wrapBits} (33 for MPEG-TS, whose 90 kHz clock wraps every 26.5 hours), so a stream
 * that wrapped while the camera was away still compares right; differences are meaningful up to
 * half the wrap (13 hours for MPEG-TS).
 */
record ResumePoint(int timeBaseNum, int timeBaseDen, int wrapBits, long lastPts) {
  ResumePoint {
    if (timeBaseNum <= 0 || timeBaseDen <= 0 || wrapBits < 1 || wrapBits > 64) {
      throw new IllegalArgumentException("not a source clock: time base " + timeBaseNum + "/" + timeBaseDen + ", "
          + wrapBits + " bits");
    }
  }

  static ResumePoint of(AVStream stream, long lastPts) {
    return new ResumePoint(stream.time_base().num(), stream.time_base().den(), stream.pts_wrap_bits(), lastPts);
  }

  /** From a chunk's record; null where the chunk carries none, or one no stream could have. */
  static ResumePoint of(SourceClock clock) {
    if (clock == null) {
      return null;
    }
    try {
      return new ResumePoint(clock.getTimeBaseNum(), clock.getTimeBaseDen(), clock.getWrapBits(), clock.getLastPts());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  SourceClock toRecord() {
    return SourceClock.newBuilder().setTimeBaseNum(timeBaseNum).setTimeBaseDen(timeBaseDen).setWrapBits(wrapBits)
        .setLastPts(lastPts).build();
  }

  /** Whether {@code stream}'s times are in this clock's units: another time base is another clock. */
  boolean sameClockAs(AVStream stream) {
    return stream.time_base().num() == timeBaseNum && stream.time_base().den() == timeBaseDen
        && stream.pts_wrap_bits() == wrapBits;
  }

  /** {@code pts} minus the last published time, in ticks, across a wrap: negative when {@code pts} lies behind. */
  long ticksFrom(long pts) {
    long difference = pts - lastPts;
    if (wrapBits >= 64) {
      return difference;
    }
    long modulus = 1L << wrapBits;
    long wrapped = difference & (modulus - 1);
    return wrapped >= modulus >> 1 ? wrapped - modulus : wrapped;
  }

  /** Whether the frame at {@code pts} comes after everything published: only such frames are new. */
  boolean isAfter(long pts) {
    return ticksFrom(pts) > 0;
  }

  long ticks(Duration duration) {
    return Math.round(duration.toNanos() / 1e9 * timeBaseDen / timeBaseNum);
  }
}
