package dev.resolute.mask;

/**
 * Intersection over union per class, accumulated over many label maps, and their mean over the
 * classes that occur in either the prediction or the reference.
 */
public final class ClassIou {
  private final long[] intersection;
  private final long[] union;

  public ClassIou(int classes) {
    intersection = new long[classes];
    union = new long[classes];
  }

  public void add(byte[] predicted, byte[] reference) {
    if (predicted.length != reference.length) {
      throw new IllegalArgumentException("label maps of " + predicted.length + " and " + reference.length + " pixels");
    }
    for (int i = 0; i < predicted.length; i++) {
      int p = predicted[i] & 0xff;
      int r = reference[i] & 0xff;
      if (p == r) {
        intersection[p]++;
        union[p]++;
      } else {
        union[p]++;
        union[r]++;
      }
    }
  }

  public double iou(int label) {
    return union[label] == 0 ? Double.NaN : (double) intersection[label] / union[label];
  }

  public double mean() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < union.length; c++) {
      if (union[c] > 0) {
        sum += iou(c);
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }
}
