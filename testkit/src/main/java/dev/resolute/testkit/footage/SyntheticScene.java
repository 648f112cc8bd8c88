package dev.resolute.testkit.footage;

/**
 * A deterministic scene of pure red, green and blue shapes moving over a dark grey background,
 * with the true class of every pixel known.
 *
 * <p>Classes are those of {@link dev.resolute.model.RgbSegmenterModel}: 0 background, 1 red,
 * 2 green, 3 blue. Shapes are large and move slowly so that lossy encoding (H.264 with 4:2:0
 * chroma) only blurs a thin border around each one.
 */
public final class SyntheticScene {
  public static final int BACKGROUND = 0;
  public static final int RED = 1;
  public static final int GREEN = 2;
  public static final int BLUE = 3;
  private static final byte[][] BGR_OF_CLASS = {
    {50, 50, 50}, {0, 0, (byte) 255}, {0, (byte) 255, 0}, {(byte) 255, 0, 0}
  };

  private final int width;
  private final int height;
  private final double fps;

  public SyntheticScene(int width, int height, double fps) {
    // 16 keeps every shape at least a few pixels across; the format corpus needs a 33x17 clip
    if (width < 16 || height < 16) {
      throw new IllegalArgumentException("scene must be at least 16x16, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.fps = fps;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double fps() {
    return fps;
  }

  /** The class of every pixel of a frame, row-major. */
  public byte[] labels(long frameIndex) {
    byte[] labels = new byte[width * height];
    double t = frameIndex / fps;
    // red box sliding left to right and back
    int boxW = width / 4;
    int boxH = height / 3;
    int redX = (int) ((width - boxW) * (0.5 + 0.5 * Math.sin(t * 0.9)));
    fillBox(labels, redX, height / 10, boxW, boxH, RED);
    // green disc going up and down
    int radius = Math.min(width, height) / 6;
    int greenY = (int) (radius + (height - 2 * radius) * (0.5 + 0.5 * Math.sin(t * 1.3 + 1)));
    fillDisc(labels, width / 4, greenY, radius, GREEN);
    // blue box drifting diagonally, drawn last so it covers the others where they meet
    int blueX = (int) ((width - boxW) * (0.5 + 0.5 * Math.cos(t * 0.7)));
    int blueY = (int) ((height - boxH) * (0.5 + 0.5 * Math.sin(t * 0.5)));
    fillBox(labels, blueX, blueY, boxW, boxH, BLUE);
    return labels;
  }

  /** The frame as packed BGR24, row-major, no padding. */
  public byte[] renderBgr(long frameIndex) {
    byte[] labels = labels(frameIndex);
    byte[] bgr = new byte[labels.length * 3];
    for (int i = 0; i < labels.length; i++) {
      byte[] colour = BGR_OF_CLASS[labels[i]];
      bgr[3 * i] = colour[0];
      bgr[3 * i + 1] = colour[1];
      bgr[3 * i + 2] = colour[2];
    }
    return bgr;
  }

  private void fillBox(byte[] labels, int x0, int y0, int w, int h, int label) {
    for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        labels[y * width + x] = (byte) label;
      }
    }
  }

  private void fillDisc(byte[] labels, int cx, int cy, int r, int label) {
    for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r + 1); y++) {
      for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r + 1); x++) {
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
          labels[y * width + x] = (byte) label;
        }
      }
    }
  }
}
