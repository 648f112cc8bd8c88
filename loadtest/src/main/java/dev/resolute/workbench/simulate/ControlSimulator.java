package dev.resolute.workbench.simulate;

import dev.resolute.control.ControlConfig;

/**
 * One camera alone on one thread, a whole chunk a batch, costs known from the start: the
 * {@link FleetSimulator} at the controller's original granularity.
 */
public final class ControlSimulator {
  private final FleetSimulator fleet;

  public ControlSimulator(ControlConfig config, CostProfile profile, int framesPerChunk, long seed) {
    this.fleet = new FleetSimulator(config, profile, FleetSimulator.Setup.single(framesPerChunk), seed);
  }

  public SimulationResult run(ArrivalPattern arrivals, double durationSeconds) {
    return fleet.run(arrivals, durationSeconds).get(0);
  }
}
