package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.inference.Logits;
import dev.resolute.model.UpsampleMethod;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogitUpsamplerTest {

  @ParameterizedTest
  @CsvSource({"7,9,30,41", "16,16,64,64", "20,30,20,30", "33,17,100,99"})
  void shouldMatchAPlainUpsampleThenArgmax(int inH, int inW, int outH, int outW) {
    int classes = 5;
    float[] logits = new float[2 * classes * inH * inW];
    Random random = new Random(inH * 31L + inW);
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian();
    }

    LabelMap fast = LogitUpsampler.upsampleArgmax(logits, 1, classes, inH, inW, outH, outW);

    byte[] expected = ReferenceUpsample.argmaxOfBilinear(logits, 1, classes, inH, inW, outH, outW);
    assertThat(fast.labels()).isEqualTo(expected);
    long total = 0;
    for (long c : fast.classCounts()) {
      total += c;
    }
    assertThat(total).isEqualTo((long) outH * outW);
  }

  @ParameterizedTest
  @CsvSource({"7,9,30,41", "16,16,64,64", "33,17,100,99"})
  void shouldMatchATextbookBicubicThenArgmax(int inH, int inW, int outH, int outW) {
    int classes = 5;
    float[] logits = random(classes, inH, inW);

    LabelMap fast = LogitUpsampler.upsampleArgmax(logits, 1, classes, inH, inW, outH, outW, UpsampleMethod.BICUBIC);

    byte[] expected = ReferenceUpsample.argmaxOfBicubic(logits, 1, classes, inH, inW, outH, outW);
    int same = 0;
    for (int i = 0; i < expected.length; i++) {
      same += fast.labels()[i] == expected[i] ? 1 : 0;
    }
    // float against double sums: a near-tie between two classes may fall either way
    assertThat((double) same / expected.length).isGreaterThan(0.999);
  }

  @Test
  void shouldLeaveLogitsAtTheirOwnSizeAloneWhateverTheMethod() {
    int classes = 3;
    float[] logits = random(classes, 6, 10);
    byte[] argmax = ReferenceUpsample.argmaxOfBilinear(logits, 1, classes, 6, 10, 6, 10);

    for (UpsampleMethod method : UpsampleMethod.values()) {
      assertThat(LogitUpsampler.upsampleArgmax(logits, 1, classes, 6, 10, 6, 10, method).labels()).as(method.label())
          .isEqualTo(argmax);
    }
  }

  @Test
  void shouldGiveEachOutputPixelTheClassOfTheSourceCellItFallsInWhenNearest() {
    // 2x3 logits, 2 classes: class 1 wins in the cells marked 1
    int[] winners = {1, 0, 1, 0, 1, 1};
    float[] logits = new float[2 * 6];
    for (int i = 0; i < 6; i++) {
      logits[6 + i] = winners[i];
    }
    Logits small = new Logits(logits, 1, 2, 2, 3);

    LabelMap labels = LogitUpsampler.upsampleArgmax(small, 0, 4, 6, UpsampleMethod.NEAREST);

    assertThat(labels.labels()).containsExactly(
        1, 1, 0, 0, 1, 1,
        1, 1, 0, 0, 1, 1,
        0, 0, 1, 1, 1, 1,
        0, 0, 1, 1, 1, 1);
  }

  @Test
  void shouldUpsampleAStridedOutputStraightToTheSourceSize() {
    int classes = 4;
    float[] logits = random(classes, 12, 16);
    Logits quarter = new Logits(logits, 2, classes, 12, 16);

    LabelMap labels = LogitUpsampler.upsampleArgmax(quarter, 1, 48, 64, UpsampleMethod.BILINEAR);

    assertThat(labels.labels()).isEqualTo(ReferenceUpsample.argmaxOfBilinear(logits, 1, classes, 12, 16, 48, 64));
  }

  private static float[] random(int classes, int h, int w) {
    float[] logits = new float[2 * classes * h * w];
    Random random = new Random(h * 31L + w);
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian();
    }
    return logits;
  }

  /** The textbook version: materialise every upsampled logit plane, then argmax. */
  static final class ReferenceUpsample {
    static byte[] argmaxOfBilinear(float[] logits, int index, int classes, int inH, int inW, int outH, int outW) {
      double[][] planes = new double[classes][outH * outW];
      for (int c = 0; c < classes; c++) {
        int base = (index * classes + c) * inH * inW;
        for (int y = 0; y < outH; y++) {
          double sy = Math.max(0, (y + 0.5) * inH / outH - 0.5);
          int y0 = Math.min((int) Math.floor(sy), inH - 1);
          int y1 = Math.min(y0 + 1, inH - 1);
          double wy = sy - y0;
          for (int x = 0; x < outW; x++) {
            double sx = Math.max(0, (x + 0.5) * inW / outW - 0.5);
            int x0 = Math.min((int) Math.floor(sx), inW - 1);
            int x1 = Math.min(x0 + 1, inW - 1);
            double wx = sx - x0;
            double v = (1 - wy) * ((1 - wx) * logits[base + y0 * inW + x0] + wx * logits[base + y0 * inW + x1])
                + wy * ((1 - wx) * logits[base + y1 * inW + x0] + wx * logits[base + y1 * inW + x1]);
            planes[c][y * outW + x] = v;
          }
        }
      }
      return argmax(planes, classes, outH * outW);
    }

    /** Keys' cubic convolution (a = -0.75), half-pixel centres, taps clamped at the borders: PyTorch's bicubic. */
    static byte[] argmaxOfBicubic(float[] logits, int index, int classes, int inH, int inW, int outH, int outW) {
      double[][] planes = new double[classes][outH * outW];
      for (int c = 0; c < classes; c++) {
        int base = (index * classes + c) * inH * inW;
        for (int y = 0; y < outH; y++) {
          double sy = (y + 0.5) * inH / outH - 0.5;
          int fy = (int) Math.floor(sy);
          for (int x = 0; x < outW; x++) {
            double sx = (x + 0.5) * inW / outW - 0.5;
            int fx = (int) Math.floor(sx);
            double v = 0;
            for (int j = -1; j <= 2; j++) {
              for (int i = -1; i <= 2; i++) {
                int yy = Math.max(0, Math.min(inH - 1, fy + j));
                int xx = Math.max(0, Math.min(inW - 1, fx + i));
                v += cubic(sy - (fy + j)) * cubic(sx - (fx + i)) * logits[base + yy * inW + xx];
              }
            }
            planes[c][y * outW + x] = v;
          }
        }
      }
      return argmax(planes, classes, outH * outW);
    }

    private static double cubic(double d) {
      double a = -0.75;
      double x = Math.abs(d);
      return x <= 1 ? (a + 2) * x * x * x - (a + 3) * x * x + 1
          : x < 2 ? a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a : 0;
    }

    private static byte[] argmax(double[][] planes, int classes, int pixels) {
      byte[] labels = new byte[pixels];
      for (int i = 0; i < labels.length; i++) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (planes[c][i] > planes[best][i]) {
            best = c;
          }
        }
        labels[i] = (byte) best;
      }
      return labels;
    }
  }
}
