package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartingCostsTest {

  /** A source that knows one size's costs and, optionally, its quality. */
  private static StartingCosts knowing(int width, int height, double[] ms, double[] quality) {
    return new StartingCosts() {
      @Override
      public double[] costsFor(int w, int h) {
        return w == width && h == height ? ms : null;
      }

      @Override
      public double[] qualityFor(int w, int h) {
        return w == width && h == height ? quality : null;
      }
    };
  }

  @Test
  void shouldTakeCostsAndQualityFromTheFirstSourceThatKnowsEach() {
    StartingCosts profile = knowing(64, 48, new double[] {40, 10}, new double[] {1, 0.9});
    StartingCosts cache = (w, h) -> new double[] {400, 100};

    StartingCosts known = StartingCosts.firstOf(List.of(profile, cache));

    assertThat(known.costsFor(64, 48)).containsExactly(40, 10);
    assertThat(known.qualityFor(64, 48)).containsExactly(1, 0.9);
    assertThat(known.costsFor(640, 480)).as("the profile does not know it, the cache does").containsExactly(400, 100);
    assertThat(known.qualityFor(640, 480)).as("a cost cache knows no quality").isNull();
  }
}
