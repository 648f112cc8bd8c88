package dev.resolute.workbench.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.workbench.simulate.SimulationResult.ChunkTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller against simulated load (virtual clock). Full level: 100 ms per frame, so 10 fps is
 * its capacity; the ladder's other levels scale with pixels above 8 ms of fixed work per frame.
 */
class ControlSimulatorTest {
  private static final double[] LADDER = {1.0, 0.75, 0.5, 0.25};
  private static final CostProfile PROFILE = CostProfile.pixelScaled(100, 8, LADDER, new double[] {1, 0.97, 0.92, 0.8}, 0.1);
  private static final double FULL_CAPACITY = PROFILE.fullLevelCapacityFps();
  private static final int FRAMES_PER_CHUNK = 10;

  private static SimulationResult simulate(Policy policy, ArrivalPattern load, double seconds) {
    return new ControlSimulator(ControlConfig.defaults(policy), PROFILE, FRAMES_PER_CHUNK, 42).run(load, seconds);
  }

  @Test
  void shouldStayAtTheTopLevelAt60PercentOfItsCapacity() {
    SimulationResult run = simulate(Policy.ADAPTIVE, ArrivalPattern.constant(0.6 * FULL_CAPACITY), 300);

    assertThat(run.chunks()).allSatisfy(c -> {
      assertThat(c.level()).isZero();
      assertThat(c.stride()).isEqualTo(1);
    });
    assertThat(SimulationResult.lagPercentile(run.chunks(), 0.99)).isLessThan(1.0);
  }

  @Test
  void shouldFallBehindWithoutBoundUnderTheFixedPolicyAtTwiceTheCapacity() {
    SimulationResult run = simulate(Policy.FIXED, ArrivalPattern.constant(2 * FULL_CAPACITY), 150);

    List<ChunkTrace> late = run.after(120);
    assertThat(late.get(late.size() - 1).lagSeconds()).isGreaterThan(60);
    assertThat(run.last().lagSeconds()).isGreaterThan(lagAt(run, 75) + 30); // still growing
    assertThat(run.chunks()).allSatisfy(c -> assertThat(c.level()).isZero());
  }

  @Test
  void shouldBoundLagUnderTwiceTheCapacityWithFewLevelChanges() {
    SimulationResult run = simulate(Policy.ADAPTIVE, ArrivalPattern.constant(2 * FULL_CAPACITY), 300);

    List<ChunkTrace> converged = run.after(30);
    assertThat(SimulationResult.lagPercentile(converged, 0.99)).isLessThanOrEqualTo(2.0);
    assertThat(SimulationResult.changes(converged) / (270 / 60.0)).isLessThanOrEqualTo(6.0);
    assertThat(converged).allSatisfy(c -> assertThat(c.level()).isPositive());
    assertThat(SimulationResult.changes(run.chunks())).isLessThanOrEqualTo(12);
  }

  @Test
  void shouldReturnToTheTopLevelWithinCoolDownPlusHorizonAfterABurst() {
    ControlConfig config = ControlConfig.defaults(Policy.ADAPTIVE);
    ArrivalPattern burst = ArrivalPattern.of(30, 0.5 * FULL_CAPACITY).then(30, 3 * FULL_CAPACITY).then(Double.POSITIVE_INFINITY, 0.5 * FULL_CAPACITY);
    SimulationResult run = simulate(Policy.ADAPTIVE, burst, 150);

    assertThat(run.chunks().stream().filter(c -> c.startSeconds() > 30 && c.startSeconds() < 60).mapToInt(ChunkTrace::level).max().orElseThrow())
        .as("stepped down during the burst").isPositive();
    double backAtTop = run.after(60).stream().filter(c -> c.level() == 0).findFirst().orElseThrow().startSeconds();
    double allowed = (config.coolDown().toMillis() + config.drainHorizon().toMillis()) / 1000.0;
    assertThat(backAtTop - 60).isLessThanOrEqualTo(allowed);
    assertThat(run.after(backAtTop)).allSatisfy(c -> assertThat(c.level()).isZero());
    assertThat(SimulationResult.lagPercentile(run.chunks(), 0.99)).isLessThanOrEqualTo(3.0);
  }

  @Test
  void shouldRaiseTheStrideAndAskForReplicasBeyondTheCheapestLevel() {
    double cheapestCapacity = 1000.0 / PROFILE.serviceMs()[LADDER.length - 1];
    SimulationResult run = simulate(Policy.ADAPTIVE, ArrivalPattern.constant(2 * cheapestCapacity), 200);

    List<ChunkTrace> converged = run.after(30);
    assertThat(converged).allSatisfy(c -> {
      assertThat(c.stride()).isGreaterThan(1);
      assertThat(c.desiredReplicas()).isGreaterThan(1);
    });
    assertThat(converged.stream().mapToInt(ChunkTrace::framesSkipped).sum()).isPositive();
    assertThat(SimulationResult.lagPercentile(converged, 0.99)).isLessThanOrEqualTo(2.0);
    assertThat(run.last().lagSeconds()).isLessThan(2.0);
  }

  private static double lagAt(SimulationResult run, double seconds) {
    return run.after(seconds).get(0).lagSeconds();
  }
}
