package dev.resolute.control;

import java.util.List;
import java.util.function.Function;

/**
 * Where a camera's cost per level comes from before any of its own frames is timed: the cache of
 * costs measured earlier on this device, a model's stored profile, a warm-up. A new source is one
 * more implementation, handed to {@link WarmUpCache}.
 */
@FunctionalInterface
public interface StartingCosts {
  StartingCosts NONE = (width, height) -> null;

  /** Milliseconds per frame of every level at this source size, or null when this source does not know it. */
  double[] costsFor(int width, int height);

  /**
   * Quality of every level at this source size (IoU against the top level, NaN where unknown), or
   * null when this source does not know it: a stored profile measures it, a cost cache does not.
   */
  default double[] qualityFor(int width, int height) {
    return null;
  }

  /** The first source that knows a size wins: put the most specific (measured here) first. */
  static StartingCosts firstOf(List<StartingCosts> sources) {
    return new StartingCosts() {
      @Override
      public double[] costsFor(int width, int height) {
        return first(sources, source -> source.costsFor(width, height));
      }

      @Override
      public double[] qualityFor(int width, int height) {
        return first(sources, source -> source.qualityFor(width, height));
      }
    };
  }

  private static double[] first(List<StartingCosts> sources, Function<StartingCosts, double[]> read) {
    for (StartingCosts source : sources) {
      double[] figures = read.apply(source);
      if (figures != null) {
        return figures;
      }
    }
    return null;
  }
}
