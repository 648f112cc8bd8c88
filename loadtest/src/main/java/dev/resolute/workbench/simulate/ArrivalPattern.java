package dev.resolute.workbench.simulate;

import java.util.ArrayList;
import java.util.List;

/** Frames per second arriving at each moment of a simulation: constant pieces, one after another. */
public final class ArrivalPattern {
  private final List<double[]> pieces = new ArrayList<>(); // {untilSeconds, fps}

  private ArrivalPattern() {}

  public static ArrivalPattern constant(double fps) {
    return new ArrivalPattern().then(Double.POSITIVE_INFINITY, fps);
  }

  public static ArrivalPattern of(double firstSeconds, double firstFps) {
    return new ArrivalPattern().then(firstSeconds, firstFps);
  }

  /** Adds a piece lasting {@code seconds} (infinity for the rest of the run). */
  public ArrivalPattern then(double seconds, double fps) {
    double start = pieces.isEmpty() ? 0 : pieces.get(pieces.size() - 1)[0];
    pieces.add(new double[] {start + seconds, fps});
    return this;
  }

  public double fpsAt(double seconds) {
    for (double[] piece : pieces) {
      if (seconds < piece[0]) {
        return piece[1];
      }
    }
    return pieces.get(pieces.size() - 1)[1];
  }
}
