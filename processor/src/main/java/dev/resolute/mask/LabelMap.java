package dev.resolute.mask;

/** One frame's class index per pixel (row-major) and how many pixels each class got. */
public record LabelMap(int width, int height, byte[] labels, long[] classCounts) {

  /** With the counts taken from the labels, each below {@code classes}. */
  public static LabelMap counted(int width, int height, byte[] labels, int classes) {
    long[] counts = new long[256];
    for (byte label : labels) {
      counts[label & 0xff]++;
    }
    return new LabelMap(width, height, labels, java.util.Arrays.copyOf(counts, classes));
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
