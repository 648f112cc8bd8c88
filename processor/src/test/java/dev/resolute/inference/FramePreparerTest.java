package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.model.RgbSegmenterModel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramePreparerTest {
  private final FramePreparer preparer = new FramePreparer(RgbSegmenterModel.descriptor());

  @Test
  void shouldWriteRgbPlanesScaledToUnitAtTheSameSize() {
    byte[] bgr = {10, 20, (byte) 255, 0, (byte) 128, 64}; // two pixels, BGR
    float[] out = new float[6];

    preparer.prepare(bgr, 2, 1, out, 0, 2, 1);

    // NCHW, RGB: R plane, G plane, B plane
    assertThat(out).containsExactly(new float[] {255 / 255f, 64 / 255f, 20 / 255f, 128 / 255f, 10 / 255f, 0f},
        org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void shouldMatchTheBilinearPathWhereTheSizesAgree() {
    int w = 17;
    int h = 9;
    byte[] bgr = new byte[w * h * 3];
    new Random(3).nextBytes(bgr);
    float[] direct = new float[3 * w * h];
    preparer.prepare(bgr, w, h, direct, 0, w, h);

    float[] expected = new float[3 * w * h];
    Bilinear xs = Bilinear.axis(w, w);
    Bilinear ys = Bilinear.axis(h, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertThat(xs.weight[x]).isZero();
        assertThat(ys.weight[y]).isZero();
        for (int c = 0; c < 3; c++) {
          expected[c * w * h + y * w + x] = (bgr[(ys.low[y] * w + xs.low[x]) * 3 + (2 - c)] & 0xff) / 255f;
        }
      }
    }
    assertThat(direct).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
  }
}
