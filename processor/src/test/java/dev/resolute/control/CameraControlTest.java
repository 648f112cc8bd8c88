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
}
