package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.control.sim.CostProfile;
import dev.resolute.control.sim.SharedThreadSimulator;
import dev.resolute.control.sim.SimulationResult;
import dev.resolute.control.sim.SimulationResult.ChunkTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cameras sharing one stream thread (virtual clock). Full level: 100 ms per frame, so one thread
 * segments 10 fps at the top level; the ladder's other levels scale with pixels.
 */
class SharedThreadSimulatorTest {
  private static final double[] LADDER = {1.0, 0.75, 0.5, 0.25};
  private static final CostProfile PROFILE = CostProfile.pixelScaled(100, 8, LADDER, new double[] {1, 0.97, 0.92, 0.8}, 0.1);
  private static final int FRAMES_PER_CHUNK = 10;

  private static List<SimulationResult> simulate(int cameras, double fps, double seconds, double costsAfter, long seed) {
    return new SharedThreadSimulator(ControlConfig.defaults(Policy.ADAPTIVE), PROFILE, FRAMES_PER_CHUNK, seed)
        .run(cameras, fps, seconds, costsAfter);
  }

  private static String settled(SimulationResult run, double from) {
    return run.after(from).stream().map(c -> c.level() + "x" + c.stride()).distinct().toList().toString();
  }

  @Test
  void shouldBringTwoEqualCamerasOnOneThreadToTheSameLevelAndStrideWithin30Seconds() {
    // 24 fps each on a thread that segments 10 fps at the top level: only the cheapest level with a
    // stride keeps up, the case where each camera stepping on its own cool-down used to drift apart
    for (long seed = 1; seed <= 5; seed++) {
      List<SimulationResult> runs = simulate(2, 24, 600, 0, seed);

      List<ChunkTrace> a = runs.get(0).after(30);
      List<ChunkTrace> b = runs.get(1).after(30);
      assertThat(a).extracting(ChunkTrace::level).as("seed %d", seed).containsOnly(b.get(0).level());
      assertThat(b).extracting(ChunkTrace::level).as("seed %d", seed).containsOnly(a.get(0).level());
      int strideA = a.stream().mapToInt(ChunkTrace::stride).max().orElseThrow();
      int strideB = b.stream().mapToInt(ChunkTrace::stride).max().orElseThrow();
      assertThat(Math.abs(strideA - strideB)).as("seed %d: strides %d and %d", seed, strideA, strideB).isLessThanOrEqualTo(1);
      for (SimulationResult run : runs) {
        assertThat(SimulationResult.changes(run.chunks())).as("seed %d: level changes in 10 minutes", seed).isLessThanOrEqualTo(6);
        assertThat(SimulationResult.lagPercentile(run.after(30), 0.99)).as("seed %d", seed).isLessThan(2.0);
      }
    }
  }

  @Test
  void shouldGiveEachOfTwoEqualCamerasHalfTheThreadAtTheSameLevel() {
    // 6 fps each: one camera alone would fit the top level's 10 fps, two do not
    List<SimulationResult> runs = simulate(2, 6, 600, 0, 7);

    assertThat(runs.get(0).after(30)).extracting(ChunkTrace::level).containsOnly(1);
    assertThat(runs.get(1).after(30)).extracting(ChunkTrace::level).containsOnly(1);
    assertThat(runs).allSatisfy(run -> assertThat(SimulationResult.changes(run.chunks())).isLessThanOrEqualTo(6));
  }

  @Test
  void shouldPublishTheFirstMasksOfACameraWithNoCostTableWithinTwoChunkDurations() {
    double fps = 10;
    double chunkSeconds = FRAMES_PER_CHUNK / fps;
    // the warm-up needs 12 s in the background; the cameras must not wait for it
    List<SimulationResult> runs = simulate(2, fps, 120, 12, 3);

    for (SimulationResult run : runs) {
      ChunkTrace first = run.chunks().get(0);
      double completedAt = first.startSeconds() - first.lagSeconds();
      assertThat(first.level()).as("the cheapest level until the costs are known").isEqualTo(LADDER.length - 1);
      assertThat(first.doneSeconds() - completedAt).isLessThanOrEqualTo(2 * chunkSeconds);
      assertThat(run.chunks()).filteredOn(c -> c.startSeconds() < 12).extracting(ChunkTrace::level)
          .containsOnly(LADDER.length - 1);
      assertThat(run.after(12).get(0).changed()).as("the table's arrival is published").isTrue();
      assertThat(run.after(40)).extracting(ChunkTrace::level).as("then the level the table allows").containsOnly(2);
      assertThat(SimulationResult.lagPercentile(run.chunks(), 0.99)).isLessThan(1.0);
    }
  }
}
