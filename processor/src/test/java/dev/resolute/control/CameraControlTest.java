package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraControlTest {
  private static final double[] COSTS = {100, 50, 25};

  @Test
  void shouldLearnTheArrivalRateFromCaptureTimesOfSuccessiveChunks() {
    CameraControl camera = new CameraControl("cam", ControlConfig.defaults(Policy.FIXED), COSTS, 0);

    for (int i = 0; i < 10; i++) {
      long capture = 1_000_000 + i * 1_000L; // 10 frames a second, chunks of 1 s
      camera.decide(capture + 1_000, capture, capture + 900, 10, 0, 1.0);
    }

    assertThat(camera.lastSignals().arrivalFps()).isCloseTo(10, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void shouldRecoverTheArrivalRateAfterOneChunkStampedFarAhead() {
    CameraControl camera = new CameraControl("cam", ControlConfig.defaults(Policy.FIXED), COSTS, 0);
    long capture = 1_000_000;
    for (int i = 0; i < 10; i++, capture += 1_000) { // 50 frames a second, chunks of 1 s
      camera.decide(capture + 1_000, capture, capture + 980, 50, 0, 1.0);
    }
    // one chunk stamped 2^40 µs ahead that the checks let through (a clock that jumped and came back)
    long ahead = capture + (1L << 40) / 1000;
    camera.decide(capture + 1_000, ahead, ahead + 980, 50, 0, 1.0);
    assertThat(camera.lastSignals().arrivalFps()).as("the gap pulls the estimate down").isLessThan(1);

    for (int i = 0; i < 60; i++, capture += 1_000) {
      camera.decide(capture + 1_000, capture, capture + 980, 50, 0, 1.0);
    }

    assertThat(camera.lastSignals().arrivalFps()).as("the camera's own chunks count again").isCloseTo(50, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void shouldNotReadAChunkStampedAtOrBeforeThePreviousOneAsABurstOfThousandsOfFrames() {
    // a controller that has just started: its first interval becomes its estimate outright
    CameraControl camera = new CameraControl("cam", ControlConfig.defaults(Policy.FIXED), COSTS, 0);
    camera.decide(2_000_000, 1_000_000, 1_000_900, 10, 0, 1.0);

    camera.decide(2_000_100, 1_000_000, 1_000_900, 10, 0, 1.0); // a copy with the same stamps
    camera.decide(2_000_200, 999_000, 999_900, 10, 0, 1.0);     // stamped before it
    assertThat(camera.lastSignals().arrivalFps()).as("the first chunk's own 9 frame intervals in 900 ms")
        .isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));

    camera.decide(2_000_300, 1_000_001, 1_000_901, 10, 0, 1.0); // 1 ms later, but its predecessor spanned 900 ms
    assertThat(camera.lastSignals().arrivalFps()).as("frames over at least their own span").isLessThan(12);
  }

  @Test
  void shouldBudgetShadowRunsToFivePercentOfTheThreadAndRunNoneWhileLagGrows() {
    CameraControl camera = new CameraControl("cam", ControlConfig.defaults(Policy.ADAPTIVE), new double[] {100, 50, 25}, 0);
    // 12 frames a second: the top level (10 fps) cannot carry it, level 1 (20 fps) can, with room for shadows
    camera.chunkArrived(1_000, 0, 917, 12, 0, 1.0);
    BatchPlan calm = camera.planBatch(1_000, 12);

    assertThat(calm.level()).isEqualTo(1);
    // a top-level run costs two level-1 frames: one in 40 keeps them at 5% of the thread
    assertThat(calm.shadowEvery()).isEqualTo(40);

    camera.chunkArrived(2_500, 1_000, 1_917, 12, 0, 1.0); // 0.58 s behind, more than the chunk before
    assertThat(camera.planBatch(2_500, 12).shadowEvery()).as("lag growing").isZero();
    camera.chunkArrived(3_000, 2_000, 2_917, 12, 0, 1.0); // caught up again
    assertThat(camera.planBatch(3_000, 12).shadowEvery()).isEqualTo(40);
  }

  @Test
  void shouldCountOnlyTheLagBeyondThePaceOfArrivalsWithinAChunk() {
    CameraControl camera = new CameraControl("cam", ControlConfig.defaults(Policy.ADAPTIVE), COSTS, 0);
    camera.chunkArrived(1_000, 0, 900, 10, 0, 1.0); // 10 fps, from the chunk's own frame times

    // 4 of its 10 frames done 1.4 s after it closed: they took 0.4 s to arrive, so 1.0 s behind
    assertThat(camera.planBatch(2_300, 6).signals().lagSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(camera.lastSignals().backlogFrames()).as("its own frames not done yet").isEqualTo(6);
  }

  @Test
  void shouldGiveALevelNobodyTimedYetABatchOfOneFrame() {
    CameraControl camera = CameraControl.unmeasured("cam", ControlConfig.defaults(Policy.ADAPTIVE), 3, 0);
    camera.chunkArrived(1_000, 0, 900, 10, 0, 1.0);

    BatchPlan first = camera.planBatch(1_000, 10);
    assertThat(first.level()).as("the cheapest, until the warm-up's table").isEqualTo(2);
    assertThat(first.batchLimit()).isEqualTo(1);

    camera.observeBatch(2, 1, 30, 2, java.util.List.of());
    assertThat(camera.planBatch(1_030, 9).batchLimit()).as("timed now").isEqualTo(Integer.MAX_VALUE);
  }
}
