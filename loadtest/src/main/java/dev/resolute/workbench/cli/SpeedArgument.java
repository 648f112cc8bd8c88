package dev.resolute.workbench.cli;

import dev.resolute.cli.UserError;

/** {@code --speed X|max}: a positive factor of real time, or as fast as possible (infinity). */
public final class SpeedArgument {
  private SpeedArgument() {}

  public static double parse(String speed) {
    if ("max".equalsIgnoreCase(speed)) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double x = Double.parseDouble(speed);
      if (x > 0 && !Double.isInfinite(x)) {
        return x;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new UserError("--speed must be a positive factor or 'max', got '" + speed + "'");
  }
}
