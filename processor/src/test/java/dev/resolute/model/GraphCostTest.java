package dev.resolute.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphCostTest {

  @Test
  void shouldCountTheGeneratedModelExactly() {
    int h = 48;
    int w = 80;
    GraphCost cost = GraphCost.of(RgbSegmenterModel.build(), h, w);

    long pixels = (long) h * w;
    // blur: 3 outputs x (3 inputs x 3x3) multiply-adds + bias; relu: 1 per element;
    // classify: 4 outputs x 3 inputs multiply-adds + bias
    long expectedFlops = pixels * (2 * 3 * 3 * 9 + 3) + pixels * 3 + pixels * (2 * 4 * 3 + 4);
    assertThat(cost.gflops() * 1e9).isCloseTo(expectedFlops, org.assertj.core.data.Offset.offset(1e-3));
    // the largest live set is the classifier's input (3 planes) and output (4 planes)
    assertThat(cost.peakActivationBytes()).isEqualTo(pixels * 7 * 4);
  }

  @Test
  void shouldScaleWithPixelCount() {
    GraphCost full = GraphCost.of(RgbSegmenterModel.build(), 240, 320);
    GraphCost half = GraphCost.of(RgbSegmenterModel.build(), 120, 160);

    assertThat(full.gflops() / half.gflops()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
