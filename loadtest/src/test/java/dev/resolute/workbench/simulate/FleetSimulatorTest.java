package dev.resolute.workbench.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.workbench.simulate.FleetSimulator.Setup;
import dev.resolute.workbench.simulate.SimulationResult.ChunkTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor's control loop driven batch by batch on a virtual clock: cameras sharing threads,
 * chunks slower than their own span, cold starts. Default profile: 100 ms per frame at the full
 * level, so one thread segments 10 fps there; the other levels scale with pixels.
 */
class FleetSimulatorTest {
  private static final double[] LADDER = {1.0, 0.75, 0.5, 0.25};
  private static final double[] QUALITY = {1, 0.97, 0.92, 0.8};
  private static final CostProfile PROFILE = CostProfile.pixelScaled(100, 8, LADDER, QUALITY, 0.1);
  private static final int FRAMES_PER_CHUNK = 10;
  private static final int BATCH = 4;

  private static List<SimulationResult> simulate(CostProfile profile, Setup setup, double fps, double seconds, long seed) {
    return new FleetSimulator(ControlConfig.defaults(Policy.ADAPTIVE), profile, setup, seed)
        .run(ArrivalPattern.constant(fps), seconds);
  }

  private static List<SimulationResult> oneThread(int cameras, double fps, double seconds, long seed) {
    return simulate(PROFILE, new Setup(cameras, 1, FRAMES_PER_CHUNK, BATCH, 0), fps, seconds, seed);
  }

  @Test
  void shouldBringTwoEqualCamerasOnOneThreadToTheSameLevelAndStrideWithin30Seconds() {
    // 24 fps each on a thread that segments 10 fps at the top level: only the cheapest level with a
    // stride keeps up, the case where each camera stepping on its own cool-down used to drift apart
    for (long seed = 1; seed <= 5; seed++) {
      List<SimulationResult> runs = oneThread(2, 24, 600, seed);

      List<ChunkTrace> a = runs.get(0).after(30);
      List<ChunkTrace> b = runs.get(1).after(30);
      assertThat(a).extracting(ChunkTrace::level).as("seed %d", seed).containsOnly(b.get(0).level());
      assertThat(b).extracting(ChunkTrace::level).as("seed %d", seed).containsOnly(a.get(0).level());
      int strideA = a.stream().mapToInt(ChunkTrace::stride).max().orElseThrow();
      int strideB = b.stream().mapToInt(ChunkTrace::stride).max().orElseThrow();
      assertThat(Math.abs(strideA - strideB)).as("seed %d: strides %d and %d", seed, strideA, strideB).isLessThanOrEqualTo(1);
      for (SimulationResult run : runs) {
        assertThat(SimulationResult.levelChanges(run.chunks())).as("seed %d: level changes in 10 minutes", seed)
            .isLessThanOrEqualTo(6);
        assertThat(SimulationResult.lagPercentile(run.after(30), 0.99)).as("seed %d", seed).isLessThan(2.0);
      }
    }
  }

  @Test
  void shouldGiveEachOfTwoEqualCamerasHalfTheThreadAtTheSameLevel() {
    // 6 fps each: one camera alone would fit the top level's 10 fps, two do not
    List<SimulationResult> runs = oneThread(2, 6, 600, 7);

    assertThat(runs.get(0).after(30)).extracting(ChunkTrace::level).containsOnly(1);
    assertThat(runs.get(1).after(30)).extracting(ChunkTrace::level).containsOnly(1);
    assertThat(runs).allSatisfy(run -> assertThat(SimulationResult.levelChanges(run.chunks())).isLessThanOrEqualTo(6));
  }

  @Test
  void shouldShareEachThreadOnlyAmongItsOwnCameras() {
    // four cameras on two threads are two pairs, each pair on a thread of its own: as two on one
    List<SimulationResult> runs = simulate(PROFILE, new Setup(4, 2, FRAMES_PER_CHUNK, BATCH, 0), 6, 300, 7);

    assertThat(runs).allSatisfy(run -> assertThat(run.after(30)).extracting(ChunkTrace::level).containsOnly(1));
  }

  @Test
  void shouldBoundLagAtTwoSecondsUnderTwiceTheCapacityWhenTheFullLevelTakes20SecondsAChunk() {
    // 24 frames at 833 ms each: 20 s a chunk at the full level, arrivals at twice its 1.2 fps, and a
    // starting table that says every level costs half what it does (measured on a quieter machine).
    // Decided once a chunk, the level chosen on that table holds for a whole chunk; per batch of 4,
    // the first batch's timing corrects it
    CostProfile slow = CostProfile.pixelScaled(833, 67, LADDER, QUALITY, 0.1);
    double fps = 2 * slow.fullLevelCapacityFps();

    for (long seed = 1; seed <= 5; seed++) {
      SimulationResult perBatch = simulate(slow, new Setup(1, 1, 24, 4, 0, 0.5), fps, 600, seed).get(0);
      SimulationResult perChunk = simulate(slow, new Setup(1, 1, 24, 24, 0, 0.5), fps, 600, seed).get(0);

      assertThat(perBatch.maxLagSeconds()).as("seed %d", seed).isLessThanOrEqualTo(2.0);
      assertThat(perChunk.maxLagSeconds()).as("seed %d, once a chunk", seed).isGreaterThan(2.0);
      assertThat(perBatch.after(30)).allSatisfy(c -> assertThat(c.level()).isPositive());
      assertThat(SimulationResult.levelChanges(perBatch.chunks())).as("seed %d", seed).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void shouldPublishTheFirstMasksOfACameraWithNoCostTableWithinTwoChunkDurations() {
    double fps = 10;
    double chunkSeconds = FRAMES_PER_CHUNK / fps;
    double warmUp = 12; // a slow warm-up, on its own thread: the cameras must not wait for it
    List<SimulationResult> runs = simulate(PROFILE, new Setup(2, 1, FRAMES_PER_CHUNK, BATCH, warmUp), fps, 120, 3);

    for (SimulationResult run : runs) {
      ChunkTrace first = run.chunks().get(0);
      assertThat(first.level()).as("the cheapest level until the costs are known").isEqualTo(LADDER.length - 1);
      assertThat(first.firstMasksSeconds() - first.completedSeconds()).isLessThanOrEqualTo(2 * chunkSeconds);
      assertThat(run.chunks()).filteredOn(c -> c.startSeconds() < warmUp).extracting(ChunkTrace::level)
          .containsOnly(LADDER.length - 1);
      assertThat(run.after(warmUp).get(0).changed()).as("the table's arrival is published").isTrue();
      assertThat(run.after(40)).extracting(ChunkTrace::level).as("then the level the table allows").containsOnly(2);
      assertThat(SimulationResult.lagPercentile(run.chunks(), 0.99)).isLessThan(1.0);
    }
  }
}
