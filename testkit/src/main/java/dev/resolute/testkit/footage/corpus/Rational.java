package dev.resolute.testkit.footage.corpus;

/** A frame rate or time base as FFmpeg keeps it, so that 30000/1001 stays exact. */
public record Rational(int num, int den) {
  public Rational {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("expected a positive fraction, got " + num + "/" + den);
    }
  }

  public static Rational of(int whole) {
    return new Rational(whole, 1);
  }

  public double value() {
    return (double) num / den;
  }

  public Rational inverse() {
    return new Rational(den, num);
  }

  /** Ticks of this time base in microseconds, rounded down as FFmpegFrameGrabber does. */
  public long micros(long ticks) {
    return 1_000_000L * ticks * num / den;
  }

  @Override
  public String toString() {
    return den == 1 ? Integer.toString(num) : num + "/" + den;
  }
}
