package dev.resolute.control;

import java.util.List;

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

  /** The first source that knows a size wins: put the most specific (measured here) first. */
  static StartingCosts firstOf(List<StartingCosts> sources) {
    return (width, height) -> {
      for (StartingCosts source : sources) {
        double[] ms = source.costsFor(width, height);
        if (ms != null) {
          return ms;
        }
      }
      return null;
    };
  }
}
