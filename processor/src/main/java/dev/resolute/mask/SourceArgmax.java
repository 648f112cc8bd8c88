package dev.resolute.mask;

/**
 * One image's argmax at the size the model returned it, first class winning ties, computed a
 * source row at a time on demand. Taking a row just before it is upsampled keeps that row's scores
 * in cache for the edge pixels interpolated from it, instead of reading them from memory twice.
 */
final class SourceArgmax {
  final float[] logits;
  /** Offset of the image's first class plane in {@link #logits}. */
  final int base;
  final int classes;
  final int height;
  final int width;
  final int plane;
  /** Row-major argmax, written up to the last row {@link #rowsUpTo} was asked for. */
  final byte[] labels;
  // the best score so far along one row: small enough to stay in L1 while every class plane streams past
  private final float[] best;
  private int ready;

  /** @param logits NCHW float32 batch, of which image {@code index} */
  SourceArgmax(float[] logits, int index, int classes, int height, int width) {
    this.logits = logits;
    this.classes = classes;
    this.height = height;
    this.width = width;
    this.plane = height * width;
    this.base = index * classes * plane;
    this.labels = new byte[plane];
    this.best = new float[width];
  }

  /** Makes sure rows {@code 0..row} are written; rows are only ever asked for in increasing order. */
  void rowsUpTo(int row) {
    for (; ready <= row; ready++) {
      argmaxRow(ready * width);
    }
  }

  // class by class over one row, each a sequential read, as the whole-plane loop did but L1-sized
  private void argmaxRow(int row) {
    System.arraycopy(logits, base + row, best, 0, width);
    for (int c = 1; c < classes; c++) {
      int channel = base + c * plane + row;
      for (int x = 0; x < width; x++) {
        float v = logits[channel + x];
        if (v > best[x]) {
          best[x] = v;
          labels[row + x] = (byte) c;
        }
      }
    }
  }
}
