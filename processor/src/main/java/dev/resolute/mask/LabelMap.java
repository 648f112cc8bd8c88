package dev.resolute.mask;

/** One frame's class index per pixel (row-major) and how many pixels each class got. */
public record LabelMap(int width, int height, byte[] labels, long[] classCounts) {

  public float[] classFractions() {
    float[] fractions = new float[classCounts.length];
    double total = (double) width * height;
    for (int c = 0; c < classCounts.length; c++) {
      fractions[c] = (float) (classCounts[c] / total);
    }
    return fractions;
  }
}
