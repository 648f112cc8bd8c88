package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.RgbSegmenterModel;
import java.util.List;
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
    float[] shortcut = new float[3 * w * h];
    preparer.prepare(bgr, w, h, shortcut, 0, w, h);

    float[] bilinear = new float[3 * w * h];
    preparer.resize(bgr, w, h, bilinear, 0, w, h);

    // the shortcut looks values up in a table; the bilinear path computes them: the same float arithmetic
    assertThat(shortcut).containsExactly(bilinear, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(bilinear).as("a frame of random bytes").doesNotContain(Float.NaN).isNotEqualTo(new float[3 * w * h]);
  }

  @Test
  void shouldNormalisePlanesToExactlyTheValuesOfThePackedPathInEitherChannelOrder() {
    int w = 13;
    int h = 7;
    int plane = w * h;
    byte[] bgr = new byte[3 * plane];
    new Random(5).nextBytes(bgr);
    for (String order : new String[] {"RGB", "BGR"}) {
      // ImageNet-style mean and deviation: scale and offset whose products round differently per byte
      ModelDescriptor descriptor = new ModelDescriptor("m", "in", "out", order,
          List.of(1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)),
          List.of(-0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f), List.of("a", "b"), 1, List.of(1.0));
      FramePreparer withMeans = new FramePreparer(descriptor);
      byte[] planes = new byte[3 * plane];
      for (int i = 0; i < plane; i++) {
        for (int c = 0; c < 3; c++) {
          int bgrByte = "RGB".equals(order) ? 2 - c : c;
          planes[c * plane + i] = bgr[3 * i + bgrByte];
        }
      }
      float[] packed = new float[2 * 3 * plane];
      float[] planar = new float[2 * 3 * plane];

      withMeans.normalise(bgr, packed, 1, w, h);
      withMeans.normalisePlanes(planes, planar, 1, w, h);

      assertThat(planar).as(order).containsExactly(packed);
      assertThat(planar[3 * plane]).as(order).isNotZero();
    }
  }
}
