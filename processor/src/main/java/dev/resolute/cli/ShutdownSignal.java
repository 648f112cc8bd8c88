package dev.resolute.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGTERM) for a long-running command: the hook only signals, then waits for the command
 * to say it has closed, because a JVM that halts mid-close leaves producers' transactions open and
 * read_committed readers stall until they time out.
 */
public final class ShutdownSignal implements AutoCloseable {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  public ShutdownSignal(String name, long closeTimeoutSeconds) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      requested.countDown();
      try {
        closed.await(closeTimeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name));
  }

  /** Waits up to {@code millis} for a shutdown request; true once one came. */
  public boolean awaitRequest(long millis) throws InterruptedException {
    return requested.await(millis, TimeUnit.MILLISECONDS);
  }

  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** The command has closed what it owns: the JVM may halt. */
  @Override
  public void close() {
    closed.countDown();
  }
}
