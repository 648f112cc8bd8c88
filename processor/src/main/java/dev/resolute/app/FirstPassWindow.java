package dev.resolute.app;

import java.time.Clock;
import java.time.Duration;

/**
 * When the fencer may still act on this instance's own ids of threads it no longer runs
 * ({@link FencingRule.Verdict#RETIRED_THREAD}): until its first complete pass, and never later than
 * {@link #LIMIT} after the start. Such an id is the predecessor's only at the start; later it can
 * only be another live process under the same instance id. Waiting for a pass that succeeds would
 * keep the window open as long as the broker stays away at start, and then fence whatever process
 * appeared meanwhile. Within {@link #LIMIT} the instance lease has kept any such process from
 * starting (it refuses while this instance renews); after it, a predecessor's transaction the broker
 * outage left open times out on its own.
 */
final class FirstPassWindow {
  static final Duration LIMIT = Duration.ofSeconds(30);

  private final Clock clock;
  private final long closesAtMs;
  private volatile boolean passDone;

  FirstPassWindow(Clock clock) {
    this.clock = clock;
    this.closesAtMs = clock.millis() + LIMIT.toMillis();
  }

  boolean open() {
    return !passDone && clock.millis() < closesAtMs;
  }

  /** A pass went through: the predecessor's ids are dealt with. */
  void passCompleted() {
    passDone = true;
  }
}
