package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.inference.Bilinear;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeUpsamplerTest {

  @ParameterizedTest
  @CsvSource({"180,320,720,1280", "90,160,720,1280", "45,80,720,1280", "7,9,30,41", "33,17,100,99", "20,30,20,30"})
  void shouldGiveTheFullUpsamplersLabelsButAtTies(int inH, int inW, int outH, int outW) {
    int classes = 4;
    float[] logits = regions(classes, inH, inW, new Random(inH * 31L + inW));

    LabelMap edges = EdgeUpsampler.upsampleArgmax(logits, 1, classes, inH, inW, outH, outW);

    TieCount m = TieCount.ofImage(edges.labels(), logits, 1, classes, inH, inW, outH, outW);
    assertThat(m.beyondTies()).isZero();
    assertThat(m.ties()).isLessThanOrEqualTo((long) outH * outW / 1000);
    long total = 0;
    for (long c : edges.classCounts()) {
      total += c;
    }
    assertThat(total).isEqualTo((long) outH * outW);
    assertThat(edges.classCounts()).as("regions of every class, so edges and interiors both occur").doesNotContain(0L);
  }

  /**
   * Label layouts that make spans as short, long or oddly placed as they get: the labels and counts
   * must be exactly those of the per-pixel rule (known label where four corners agree, else
   * {@link LogitUpsampler}'s), including how exact ties break.
   */
  @ParameterizedTest
  @CsvSource({
      // pattern, inH, inW, outH, outW
      "noise, 180, 320, 720, 1280", "noise, 7, 9, 30, 41",
      "columns, 45, 80, 720, 1280", "rows, 45, 80, 720, 1280", "checks, 31, 47, 100, 130",
      "single, 90, 160, 720, 1280", "lastColumn, 90, 160, 720, 1280", "lastRow, 90, 160, 720, 1280",
      "lastColumn, 13, 11, 13, 40", "lastRow, 13, 11, 40, 11",
      "regions, 187, 333, 720, 1280", "noise, 187, 333, 720, 1280", "columns, 187, 333, 720, 1280",
      "regions, 1, 50, 20, 200", "columns, 1, 50, 1, 200", "regions, 40, 1, 100, 7", "rows, 40, 1, 100, 1",
      "noise, 1, 1, 5, 9", "noise, 100, 50, 60, 120", "columns, 30, 100, 90, 61", "noise, 30, 100, 90, 61",
      "noise, 540, 960, 720, 1280", "regions, 540, 960, 720, 1280", "noise, 20, 30, 19, 29",
      // the same size: the source argmax itself, counted (an odd pixel count leaves a tail)
      "noise, 21, 31, 21, 31", "regions, 90, 161, 90, 161", "columns, 1, 7, 1, 7"})
  void shouldGiveThePerPixelRulesLabelsAndCountsExactly(String pattern, int inH, int inW, int outH, int outW) {
    int classes = 4;
    float[] logits = pattern.equals("regions") ? regions(classes, inH, inW, new Random(inH * 7L + inW))
        : oneHot(classes, inH, inW, layout(pattern, classes, new Random(inH * 13L + inW)));

    LabelMap edges = EdgeUpsampler.upsampleArgmax(logits, 1, classes, inH, inW, outH, outW);

    byte[] expected = perPixel(logits, 1, classes, inH, inW, outH, outW);
    assertThat(edges.labels()).isEqualTo(expected);
    assertThat(edges.classCounts()).isEqualTo(counts(expected, classes));
  }

  @Test
  void shouldCountEveryPixelOfOneClassEverywhere() {
    float[] logits = oneHot(3, 45, 80, (y, x) -> 2);

    LabelMap edges = EdgeUpsampler.upsampleArgmax(logits, 0, 3, 45, 80, 720, 1280);

    assertThat(edges.classCounts()).containsExactly(0L, 0L, 720L * 1280);
    assertThat(edges.labels()).containsOnly((byte) 2);
  }

  private static IntBinaryOperator layout(String pattern, int classes, Random random) {
    return switch (pattern) {
      case "noise" -> (y, x) -> random.nextInt(classes);
      case "columns" -> (y, x) -> x % classes;
      case "rows" -> (y, x) -> y % classes;
      case "checks" -> (y, x) -> (x + y) % 2 + 2 * ((x / 3) % 2);
      case "single" -> (y, x) -> 1;
      case "lastColumn" -> (y, x) -> x == 10 || x == 159 ? 3 : 0;
      case "lastRow" -> (y, x) -> y == 12 || y == 89 ? 2 : 1;
      default -> throw new IllegalArgumentException(pattern);
    };
  }

  /** Two images whose scores are 1 for the layout's class and 0 for the rest, so edges hold exact ties. */
  private static float[] oneHot(int classes, int h, int w, IntBinaryOperator layout) {
    float[] logits = new float[2 * classes * h * w];
    for (int n = 0; n < 2; n++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          logits[((n * classes + layout.applyAsInt(y, x)) * h + y) * w + x] = 1;
        }
      }
    }
    return logits;
  }

  // the rule EdgeUpsampler implements, one output pixel at a time
  private static byte[] perPixel(float[] logits, int index, int classes, int inH, int inW, int outH, int outW) {
    byte[] full = LogitUpsampler.upsampleArgmax(logits, index, classes, inH, inW, outH, outW).labels();
    Bilinear ys = Bilinear.axis(inH, outH);
    Bilinear xs = Bilinear.axis(inW, outW);
    int plane = inH * inW;
    byte[] expected = new byte[outH * outW];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int a = coarse(logits, index, classes, plane, ys.low[y] * inW + xs.low[x]);
        boolean known = a == coarse(logits, index, classes, plane, ys.low[y] * inW + xs.high[x])
            && a == coarse(logits, index, classes, plane, ys.high[y] * inW + xs.low[x])
            && a == coarse(logits, index, classes, plane, ys.high[y] * inW + xs.high[x]);
        expected[y * outW + x] = known ? (byte) a : full[y * outW + x];
      }
    }
    return expected;
  }

  private static int coarse(float[] logits, int index, int classes, int plane, int pixel) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (logits[(index * classes + c) * plane + pixel] > logits[(index * classes + best) * plane + pixel]) {
        best = c;
      }
    }
    return best;
  }

  private static long[] counts(byte[] labels, int classes) {
    long[] counts = new long[classes];
    for (byte label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** Two images of smooth class scores: blobs of each class with noise, as a network's logits look. */
  private static float[] regions(int classes, int h, int w, Random random) {
    float[] logits = new float[2 * classes * h * w];
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < classes; c++) {
        double fx = 1 + random.nextInt(3);
        double fy = 1 + random.nextInt(3);
        double phase = random.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            double v = Math.sin(fx * 6.28 * x / w + phase) * Math.cos(fy * 6.28 * y / h + c);
            logits[((n * classes + c) * h + y) * w + x] = (float) (3 * v + 0.3 * random.nextGaussian());
          }
        }
      }
    }
    return logits;
  }
}
