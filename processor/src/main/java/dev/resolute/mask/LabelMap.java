package dev.resolute.mask;

/** One frame's class index per pixel (row-major) and how many pixels each class got. */
public record LabelMap(int width, int height, byte[] labels, long[] classCounts) {

  /** With the counts taken from the labels, each below {@code classes}. */
  public static LabelMap counted(int width, int height, byte[] labels, int classes) {
    // four histograms, each pixel of a group of four to its own: neighbouring pixels mostly share a
    // label, and one histogram would make every increment wait for the previous one's store
    int[] a = new int[256];
    int[] b = new int[256];
    int[] c = new int[256];
    int[] d = new int[256];
    int i = 0;
    for (; i + 3 < labels.length; i += 4) {
      a[labels[i] & 0xff]++;
      b[labels[i + 1] & 0xff]++;
      c[labels[i + 2] & 0xff]++;
      d[labels[i + 3] & 0xff]++;
    }
    for (; i < labels.length; i++) {
      a[labels[i] & 0xff]++;
    }
    long[] counts = new long[classes];
    for (int k = 0; k < classes; k++) {
      counts[k] = (long) a[k] + b[k] + c[k] + d[k];
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
