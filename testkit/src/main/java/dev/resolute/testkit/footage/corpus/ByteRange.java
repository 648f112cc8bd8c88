package dev.resolute.testkit.footage.corpus;

/** Bytes {@code [start, end)} of a file. */
public record ByteRange(long start, long end) {
  public ByteRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
    }
  }

  public long length() {
    return end - start;
  }

  public boolean overlaps(long from, long to) {
    return from < end && to > start;
  }
}
