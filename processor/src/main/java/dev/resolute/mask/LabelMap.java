package dev.resolute.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** One frame's class index per pixel (row-major) and how many pixels each class got. */
public record LabelMap(int width, int height, byte[] labels, long[] classCounts) {
  // a byte[] read as longs, eight labels at once
  private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** With the counts taken from the labels, each below {@code classes}. */
  public static LabelMap counted(int width, int height, byte[] labels, int classes) {
    // Eight labels at a time: inside a region all eight are one class, counted by one addition.
    // Elsewhere each pixel of a pair goes to its own histogram, so that neighbours of one label do
    // not make every increment wait for the previous one's store.
    int[] even = new int[256];
    int[] odd = new int[256];
    int i = 0;
    for (; i + 8 <= labels.length; i += 8) {
      int first = labels[i] & 0xff;
      if ((long) EIGHT.get(labels, i) == first * 0x0101010101010101L) {
        even[first] += 8;
      } else {
        for (int k = i; k < i + 8; k += 2) {
          even[labels[k] & 0xff]++;
          odd[labels[k + 1] & 0xff]++;
        }
      }
    }
    for (; i < labels.length; i++) {
      even[labels[i] & 0xff]++;
    }
    long[] counts = new long[classes];
    for (int c = 0; c < classes; c++) {
      counts[c] = (long) even[c] + odd[c];
    }
    return new LabelMap(width, height, labels, counts);
  }

  public float[] classFractions() {
    float[] fractions = new float[classCounts.length];
    double total = (double) width * height;
    for (int c = 0; c < classCounts.length; c++) {
      fractions[c] = (float) (classCounts[c] / total);
    }
    return fractions;
  }
}
