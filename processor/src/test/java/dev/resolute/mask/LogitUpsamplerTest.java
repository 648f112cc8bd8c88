package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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
      byte[] labels = new byte[outH * outW];
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
