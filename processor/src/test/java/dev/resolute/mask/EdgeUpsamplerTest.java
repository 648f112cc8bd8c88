package dev.resolute.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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
