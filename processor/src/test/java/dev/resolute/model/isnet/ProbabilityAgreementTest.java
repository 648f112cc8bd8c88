package dev.resolute.model.isnet;

import static dev.resolute.model.isnet.ProbabilityAgreement.MASK_THRESHOLD;
import static dev.resolute.model.isnet.ProbabilityAgreement.MAX_PROBABILITY_DIFFERENCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.model.OrtRun;
import org.junit.jupiter.api.Test;

class ProbabilityAgreementTest {
  private static final int HEIGHT = 200;
  private static final int WIDTH = 500;

  /** A soft-edged disc: probabilities from 0 to 1 with a band around the threshold. */
  private static float[] map() {
    float[] p = new float[HEIGHT * WIDTH];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double r = Math.hypot(x - WIDTH / 2.0, y - HEIGHT / 2.0);
        p[y * WIDTH + x] = (float) (1 / (1 + Math.exp((r - 60) / 4)));
      }
    }
    return p;
  }

  private static OrtRun.Tensor tensor(float[] p) {
    return new OrtRun.Tensor(p, new long[] {1, 1, HEIGHT, WIDTH});
  }

  /**
   * Puts {@code count} background pixels of both maps a hair either side of the threshold, {@code
   * p} below and {@code q} above: masks that differ where the numbers barely do.
   */
  private static void straddle(float[] p, float[] q, long count) {
    float hair = (float) (MAX_PROBABILITY_DIFFERENCE / 20);
    for (int i = 0; i < p.length && count > 0; i++) {
      if (p[i] < MASK_THRESHOLD) {
        p[i] = MASK_THRESHOLD - hair;
        q[i] = MASK_THRESHOLD + hair;
        count--;
      }
    }
    assertThat(count).isZero();
  }

  @Test
  void shouldAcceptRoundingBelowTheBound() {
    float[] p = map();
    float[] q = p.clone();
    for (int i = 0; i < q.length; i++) {
      // both signs, as rounding goes both ways; smaller near the threshold, so that no mask pixel flips
      double room = Math.min(1, Math.abs(p[i] - MASK_THRESHOLD) / MAX_PROBABILITY_DIFFERENCE);
      q[i] += (float) (MAX_PROBABILITY_DIFFERENCE * 0.9 * room * (i % 2 == 0 ? 1 : -1));
    }

    ProbabilityAgreement.Measured measured = ProbabilityAgreement.measure(tensor(p), tensor(q));

    assertThat(measured.maxAbsDifference()).isGreaterThan(MAX_PROBABILITY_DIFFERENCE / 2)
        .isLessThanOrEqualTo(MAX_PROBABILITY_DIFFERENCE);
    assertThat(measured.maskDisagreements()).isZero();
    assertThat(measured.violations()).isEmpty();
    assertThat(measured.agrees()).isTrue();
  }

  @Test
  void shouldRejectADifferenceAboveTheBoundAndSaySo() {
    float[] p = map();
    float[] q = p.clone();
    int far = 0;
    float shift = (float) (MAX_PROBABILITY_DIFFERENCE * 3);
    q[far] = p[far] + shift;

    ProbabilityAgreement.Measured measured = ProbabilityAgreement.measure(tensor(p), tensor(q));

    assertThat(measured.maxAbsDifference()).isGreaterThan(MAX_PROBABILITY_DIFFERENCE);
    assertThat(measured.maskDisagreements()).isZero();
    assertThat(measured.violations()).singleElement().asString()
        .startsWith("max |probability difference| " + measured.maxAbsDifference())
        .endsWith("is above " + MAX_PROBABILITY_DIFFERENCE);
  }

  @Test
  void shouldAcceptAsManyFlippedMaskPixelsAsTheRuleAllows() {
    float[] p = map();
    float[] q = p.clone();
    long allowed = ProbabilityAgreement.allowedMaskDisagreements(p.length);
    straddle(p, q, allowed);

    ProbabilityAgreement.Measured measured = ProbabilityAgreement.measure(tensor(p), tensor(q));

    assertThat(allowed).isPositive();
    assertThat(measured.maskDisagreements()).isEqualTo(allowed);
    assertThat(measured.maskAgreement()).isGreaterThanOrEqualTo(ProbabilityAgreement.MIN_MASK_AGREEMENT);
    assertThat(measured.agrees()).isTrue();
  }

  @Test
  void shouldRejectOneFlippedMaskPixelMoreEvenWhenTheNumbersAreClose() {
    float[] p = map();
    float[] q = p.clone();
    long tooMany = ProbabilityAgreement.allowedMaskDisagreements(p.length) + 1;
    straddle(p, q, tooMany);

    ProbabilityAgreement.Measured measured = ProbabilityAgreement.measure(tensor(p), tensor(q));

    assertThat(measured.maxAbsDifference()).isLessThanOrEqualTo(MAX_PROBABILITY_DIFFERENCE);
    assertThat(measured.maskAgreement()).isLessThan(ProbabilityAgreement.MIN_MASK_AGREEMENT);
    assertThat(measured.violations()).singleElement().asString()
        .contains("the masks at p >= " + MASK_THRESHOLD + " differ on " + tooMany + " of " + p.length + " pixels")
        .contains("required");
  }

  @Test
  void shouldRejectNaN() {
    float[] p = map();
    float[] q = p.clone();
    q[q.length / 2] = Float.NaN;

    assertThat(ProbabilityAgreement.measure(tensor(p), tensor(q)).agrees()).isFalse();
  }

  @Test
  void shouldAllowTheLargestWholeNumberOfPixelsWithinTheShare() {
    double share = 1 - ProbabilityAgreement.MIN_MASK_AGREEMENT;
    for (long pixels : new long[] {1, 4096, WIDTH * HEIGHT, 1024 * 1024, 1920 * 1080}) {
      long allowed = ProbabilityAgreement.allowedMaskDisagreements(pixels);

      assertThat((double) allowed).as("%d pixels", pixels).isLessThanOrEqualTo(pixels * share + 1e-6);
      assertThat(allowed + 1.0).as("%d pixels", pixels).isGreaterThan(pixels * share - 1e-6);
    }
  }
}
