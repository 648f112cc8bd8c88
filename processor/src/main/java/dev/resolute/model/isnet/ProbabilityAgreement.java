package dev.resolute.model.isnet;

import dev.resolute.model.OrtRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * When two probability maps of the same network on the same image count as the same: close as
 * numbers, and giving the same mask.
 *
 * <p>Bit-identical output is too much to ask. ONNX Runtime runs a graph with static shapes and one
 * with symbolic shapes through different kernels, and picks kernels by the CPU's instruction set;
 * their float sums round differently, and over ISNet's depth that reaches a few 1e-4 in the
 * probabilities (2.2e-4 and 4.0e-4 measured, see docs/benchmarks.md). A wrong rewrite changes far more than
 * that, so the bound on the numbers sits above rounding, and the masks a user sees must agree all but
 * everywhere: only pixels within rounding of the threshold may flip.
 */
final class ProbabilityAgreement {
  /** Largest allowed |p - q|: rounding has been seen up to 4.0e-4, a wrong rewrite moves whole regions. */
  static final double MAX_PROBABILITY_DIFFERENCE = 1e-3;
  /** Foreground where p >= this, as the mask stage cuts it. */
  static final float MASK_THRESHOLD = 0.5f;
  /** Least share of pixels whose masks must agree: 104 pixels of a 1024x1024 map may differ. */
  static final double MIN_MASK_AGREEMENT = 0.9999;

  private ProbabilityAgreement() {}

  /** What two equally shaped maps measured, and whether it meets the rule. */
  record Measured(double maxAbsDifference, long pixels, long maskDisagreements) {
    double maskAgreement() {
      return pixels == 0 ? 1 : (double) (pixels - maskDisagreements) / pixels;
    }

    /** Each criterion that failed, with what was measured; empty when the maps agree. */
    List<String> violations() {
      List<String> violations = new ArrayList<>();
      // written so that NaN fails
      if (!(maxAbsDifference <= MAX_PROBABILITY_DIFFERENCE)) {
        violations.add("max |probability difference| " + maxAbsDifference + " is above " + MAX_PROBABILITY_DIFFERENCE);
      }
      if (maskDisagreements > allowedMaskDisagreements(pixels)) {
        violations.add("the masks at p >= " + MASK_THRESHOLD + " differ on " + maskDisagreements + " of " + pixels
            + " pixels (agreement " + percent(maskAgreement()) + "%, at least " + percent(MIN_MASK_AGREEMENT)
            + "% required)");
      }
      return violations;
    }

    boolean agrees() {
      return violations().isEmpty();
    }

  }

  /** For people: both numbers beside their bounds; exact zero says more than 0.00. */
  static String describe(double maxAbsDifference, double maskAgreement) {
    return "max |difference| " + (maxAbsDifference == 0 ? "0 (bit-identical)" : String.format("%.3g", maxAbsDifference))
        + " (at most " + MAX_PROBABILITY_DIFFERENCE + "); masks at p >= " + MASK_THRESHOLD + " agree on "
        + percent(maskAgreement) + "% of pixels (at least " + percent(MIN_MASK_AGREEMENT) + "%)";
  }

  /** Compares {@code actual} with {@code expected} element by element; their shapes must match. */
  static Measured measure(OrtRun.Tensor expected, OrtRun.Tensor actual) {
    double max = expected.maxAbsDifference(actual);
    float[] e = expected.values();
    float[] a = actual.values();
    long disagreements = 0;
    for (int i = 0; i < e.length; i++) {
      if ((e[i] >= MASK_THRESHOLD) != (a[i] >= MASK_THRESHOLD)) {
        disagreements++;
      }
    }
    return new Measured(max, e.length, disagreements);
  }

  /** How many of {@code pixels} may differ in the masks; exact decimals, so 0.9999 means 0.9999. */
  static long allowedMaskDisagreements(long pixels) {
    return BigDecimal.ONE.subtract(BigDecimal.valueOf(MIN_MASK_AGREEMENT)).multiply(BigDecimal.valueOf(pixels))
        .setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  /** A share as a percentage, cut (not rounded) to four decimals so that a failing share never reads as passing. */
  private static String percent(double share) {
    return BigDecimal.valueOf(share).movePointRight(2).setScale(4, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
  }
}
