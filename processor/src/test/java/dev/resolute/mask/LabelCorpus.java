package dev.resolute.mask;

import dev.resolute.testkit.footage.SyntheticScene;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Label maps that stress a label-map deflater: the shapes real masks have, and the ones they never have. */
final class LabelCorpus {
  /** One map; the name is what a failing parameterised test shows. */
  record Labels(String name, int width, int height, byte[] pixels) {
    @Override
    public String toString() {
      return name + " " + width + "x" + height;
    }
  }

  private LabelCorpus() {}

  static List<Labels> all() {
    List<Labels> maps = new ArrayList<>();
    maps.add(filled("zeros", 64, 48, 0));
    maps.add(filled("uniform 7", 64, 48, 7));
    maps.add(filled("uniform 255", 65, 3, 255));
    maps.add(filled("single zero pixel", 1, 1, 0));
    maps.add(filled("single pixel", 1, 1, 200));
    maps.add(gradient("column", 1, 300));
    maps.add(gradient("row", 300, 1));
    maps.add(new Labels("horizontal stripes", 50, 60, of(50, 60, (x, y) -> y / 5 % 4)));
    maps.add(new Labels("vertical stripes", 50, 60, of(50, 60, (x, y) -> x / 7 % 5)));
    maps.add(new Labels("pixel checkerboard", 63, 41, of(63, 41, (x, y) -> (x + y) % 2)));
    maps.add(new Labels("block checkerboard", 64, 40, of(64, 40, (x, y) -> 3 * ((x / 8 + y / 8) % 2))));
    maps.add(gradient("every value", 256, 9));
    maps.add(noise(200, 150, 1));
    maps.add(blobs("blobs", 333, 197, 2, 0));
    maps.add(blobs("blobs, ragged edges", 333, 197, 3, 0.3));
    maps.add(runs());
    // one stride past deflate's window: the row above is out of reach and must not be referenced
    maps.add(new Labels("rows wider than the window", 40000, 2, of(40000, 2, (x, y) -> x / 3 % 7 + 1)));
    // a stride of exactly the window: the row above is just in reach
    maps.add(new Labels("rows as wide as the window", 32767, 3, of(32767, 3, (x, y) -> x / 3 % 7 + 1)));
    return maps;
  }

  /** The bench's scene at 1280x720, as a good segmentation labels it. */
  static Labels scene(int frame) {
    SyntheticScene scene = new SyntheticScene(1280, 720, 12);
    return new Labels("scene frame " + frame, 1280, 720, scene.labels(frame));
  }

  /** The scene with edges a real model leaves: a pixel or two of the neighbouring class here and there. */
  static Labels raggedScene(int frame) {
    Labels clean = scene(frame);
    byte[] pixels = clean.pixels().clone();
    Random random = new Random(frame);
    int w = clean.width();
    for (int i = w + 1; i < pixels.length - w - 1; i++) {
      boolean edge = pixels[i] != pixels[i + 1] || pixels[i] != pixels[i + w];
      if (edge && random.nextInt(3) == 0) {
        pixels[i + random.nextInt(3) - 1] = pixels[i + (random.nextBoolean() ? w : -w)];
      }
    }
    return new Labels("ragged scene frame " + frame, w, clean.height(), pixels);
  }

  private interface Pixel {
    int at(int x, int y);
  }

  private static byte[] of(int width, int height, Pixel pixel) {
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        pixels[y * width + x] = (byte) pixel.at(x, y);
      }
    }
    return pixels;
  }

  private static Labels filled(String name, int width, int height, int value) {
    byte[] pixels = new byte[width * height];
    Arrays.fill(pixels, (byte) value);
    return new Labels(name, width, height, pixels);
  }

  private static Labels gradient(String name, int width, int height) {
    return new Labels(name, width, height, of(width, height, (x, y) -> (x + 3 * y) % 256));
  }

  private static Labels noise(int width, int height, long seed) {
    byte[] pixels = new byte[width * height];
    new Random(seed).nextBytes(pixels);
    return new Labels("noise", width, height, pixels);
  }

  /** Discs and boxes on a background, the shapes of a segmentation; some edge pixels flipped when ragged. */
  private static Labels blobs(String name, int width, int height, long seed, double ragged) {
    Random random = new Random(seed);
    byte[] pixels = new byte[width * height];
    for (int shape = 0; shape < 12; shape++) {
      int cx = random.nextInt(width);
      int cy = random.nextInt(height);
      int r = 5 + random.nextInt(60);
      byte label = (byte) (1 + random.nextInt(20));
      boolean disc = random.nextBoolean();
      for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r + 1); y++) {
        for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r + 1); x++) {
          boolean inside = !disc || (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
          boolean nearEdge = disc && Math.abs(Math.hypot(x - cx, y - cy) - r) < 1.5;
          if (inside && !(nearEdge && random.nextDouble() < ragged)) {
            pixels[y * width + x] = label;
          }
        }
      }
    }
    return new Labels(name, width, height, pixels);
  }

  /** Runs either side of deflate's longest match, of zeros and not, crossing rows and stopping at them. */
  private static Labels runs() {
    int width = 700;
    int height = 6;
    byte[] pixels = new byte[width * height];
    int[] lengths = {258, 259, 257, 3, 2, 1, 1000, 4, 516, 517};
    int i = 0;
    int value = 0;
    for (int k = 0; i < pixels.length; k++) {
      int length = lengths[k % lengths.length];
      Arrays.fill(pixels, i, Math.min(pixels.length, i + length), (byte) value);
      i += length;
      value = value == 0 ? 1 + k % 9 : 0;
    }
    return new Labels("runs", width, height, pixels);
  }
}
