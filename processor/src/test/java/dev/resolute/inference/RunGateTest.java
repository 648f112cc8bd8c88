package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunGateTest {
  private final RunGate gate = new RunGate();

  @Test
  void shouldReportARunStillGoingAndShutOnceItEnds() {
    gate.enter();

    assertThat(gate.shut(Duration.ZERO)).as("a run is still inside").isFalse();

    gate.exit();
    assertThat(gate.shut(Duration.ZERO)).isTrue();
  }

  @Test
  void shouldHoldARunAskedForAfterShuttingEvenWhenInterruptedRatherThanRunOrFail() throws Exception {
    assertThat(gate.shut(Duration.ZERO)).isTrue();
    AtomicBoolean ran = new AtomicBoolean();
    Thread late = new Thread(() -> {
      gate.enter();
      ran.set(true);
    }, "late-run");
    late.setDaemon(true); // it never returns: the process exit ends it, as in the processor
    late.start();
    awaitWaiting(late);

    late.interrupt();
    awaitWaiting(late);

    assertThat(ran).isFalse();
    assertThat(gate.running()).isZero();
  }

  /** Until the thread waits on the gate; a thread that ran past it would end instead, and fail here. */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    while (thread.getState() != Thread.State.WAITING) {
      assertThat(thread.isAlive()).as("the late run is still held").isTrue();
      Thread.sleep(5);
    }
  }
}
