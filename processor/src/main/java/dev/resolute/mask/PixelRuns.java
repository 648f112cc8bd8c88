package dev.resolute.mask;

import java.util.Arrays;

/** Where runs of one value end in a label map, found with the vectorised array comparison. */
final class PixelRuns {
  private PixelRuns() {}

  /** The first index in {@code [from, to)} whose value differs from {@code pixels[from]}, or {@code to}. */
  static int end(byte[] pixels, int from, int to) {
    int i = Arrays.mismatch(pixels, from + 1, to, pixels, from, to - 1);
    return i < 0 ? to : from + 1 + i;
  }
}
