package dev.resolute.instance;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A warning for a background task that retries every few seconds: said at once, then at most once
 * per {@code every} with the count of failures in between, and once more when the task works
 * again. A missing ACL is permanent; logging it every pass would bury everything else.
 */
public final class ThrottledWarning {
  private final Duration every;
  private final Clock clock;
  private final Consumer<String> warn;
  private final Consumer<String> info;
  private long lastSaidMs;
  private int unsaid;
  private boolean failing;

  public ThrottledWarning(Duration every, Clock clock, Consumer<String> warn, Consumer<String> info) {
    this.every = every;
    this.clock = clock;
    this.warn = warn;
    this.info = info;
  }

  public synchronized void failed(String what) {
    long now = clock.millis();
    if (!failing || now - lastSaidMs >= every.toMillis()) {
      warn.accept(unsaid == 0 ? what : what + " (" + unsaid + " more failures since the last warning)");
      lastSaidMs = now;
      unsaid = 0;
    } else {
      unsaid++;
    }
    failing = true;
  }

  public synchronized void succeeded(String what) {
    if (failing) {
      info.accept(what);
    }
    failing = false;
    unsaid = 0;
  }
}
