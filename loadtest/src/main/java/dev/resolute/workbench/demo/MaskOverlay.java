package dev.resolute.workbench.demo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws a label map over its frame, one colour per class, for people to look at. */
public final class MaskOverlay {
  private static final int[] PALETTE = {
    0x000000, 0xff3b30, 0x34c759, 0x007aff, 0xffcc00, 0xaf52de, 0x5ac8fa, 0xff9500, 0x8e8e93, 0xff2d55
  };

  private MaskOverlay() {}

  /** Writes a PNG: the frame on the left, the frame with class colours blended in on the right. */
  public static void write(byte[] bgr, byte[] labels, int width, int height, Path file) throws IOException {
    BufferedImage image = new BufferedImage(width * 2, height, BufferedImage.TYPE_INT_RGB);
    int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int r = bgr[3 * i + 2] & 0xff;
        int g = bgr[3 * i + 1] & 0xff;
        int b = bgr[3 * i] & 0xff;
        argb[y * 2 * width + x] = (r << 16) | (g << 8) | b;
        int label = labels[i] & 0xff;
        if (label != 0) { // class 0 is background: leave the frame visible
          int colour = PALETTE[label % PALETTE.length];
          r = (r + ((colour >> 16) & 0xff)) / 2;
          g = (g + ((colour >> 8) & 0xff)) / 2;
          b = (b + (colour & 0xff)) / 2;
        }
        argb[y * 2 * width + width + x] = (r << 16) | (g << 8) | b;
      }
    }
    ImageIO.write(image, "png", file.toFile());
  }
}
