package dev.resolute.workbench.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.workbench.simulate.FleetSimulator.Setup;
import dev.resolute.workbench.simulate.SimulationResult.ChunkTrace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Equal cameras sharing one stream thread with ISNet's measured costs (720x528 on the development
 * CPU: about 630, 330, 145 and 46 ms a frame at levels 0-3), started together from one clip so their
 * chunks close on the same instant and each waits behind the others': none may be left at a larger
 * stride while the others step down. Masks are counted per camera over 10 s windows. A delivery
 * delay (encoding, publishing, commit and decoding before the first batch) is what made two and three
 * cameras drift apart: every chunk starts with that much lag, so the wait behind the others' chunks
 * put the camera queued last over the low-water mark.
 */
class FairShareSimulatorTest {
  private static final CostProfile ISNET = new CostProfile(new double[] {630, 330, 145, 46}, new double[] {1, 0.97, 0.92, 0.8},
      0.1, 4);
  private static final int FRAMES_PER_CHUNK = 24;
  private static final int BATCH = 4;
  private static final double SECONDS = 120;

  /**
   * @param fromSeconds where the windows start: 20 s, as the issue asks, for every case (8 cameras
   *     at 6 fps held until 30 s while a thread's first camera was planned on the whole thread)
   */
  @ParameterizedTest(name = "{0} cameras at {1} fps, chunks delivered {3} s after their last frame")
  @CsvSource({"2, 24, 20, 0", "2, 24, 20, 0.8", "3, 24, 20, 0", "3, 24, 20, 0.4", "8, 6, 20, 0", "8, 6, 20, 0.4"})
  void shouldGiveEqualCamerasOnOneThreadMasksWithin20PercentOfEachOtherInEvery10SecondWindow(int cameras, double fps,
      double fromSeconds, double deliverySeconds) {
    for (long seed = 1; seed <= 5; seed++) {
      // run past the last window so its chunks are processed, not cut off by the end of the run
      List<SimulationResult> runs = new FleetSimulator(ControlConfig.defaults(Policy.ADAPTIVE), ISNET,
          new Setup(cameras, 1, FRAMES_PER_CHUNK, BATCH, 0).aligned().delivered(deliverySeconds), seed).run(ArrivalPattern.constant(fps), SECONDS + 10);
      for (double from = fromSeconds; from + 10 <= SECONDS; from += 10) {
        List<Long> masks = new ArrayList<>();
        for (SimulationResult run : runs) {
          masks.add(masksCapturedIn(run, fps, from, from + 10));
        }
        long min = masks.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = masks.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(min).as("seed %d, %.0f-%.0f s: masks per camera %s", seed, from, from + 10, masks)
            .isGreaterThanOrEqualTo((long) Math.ceil(0.8 * max));
      }
    }
  }

  /**
   * Masks of the frames captured in the window, a chunk's masks spread evenly over its capture
   * span: counted by when a chunk finished, a 10 s window holds two or three of a 4 s chunk, and
   * that alone reads as 0.67 between cameras that are treated alike.
   */
  private static long masksCapturedIn(SimulationResult run, double fps, double from, double to) {
    double span = FRAMES_PER_CHUNK / fps;
    double masks = 0;
    for (ChunkTrace c : run.chunks()) {
      double start = c.completedSeconds() - span;
      double overlap = Math.max(0, Math.min(to, c.completedSeconds()) - Math.max(from, start));
      masks += (FRAMES_PER_CHUNK - c.framesSkipped()) * overlap / span;
    }
    return Math.round(masks);
  }
}
