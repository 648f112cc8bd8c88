package dev.resolute.inference;

import java.time.Duration;

/**
 * Keeps ONNX Runtime's sessions from being freed under a running inference. Once shut, a run that
 * asks to start waits for the process to end instead: it must not run on a session that is freed
 * (or that the process exit tears down: C++ destructors run at exit while other threads still run
 * native code, which is how a stream thread inferring at SIGTERM ended in SIGBUS), and it must not
 * fail either, since a failed chunk is dead-lettered and would be committed as lost.
 */
final class RunGate {
  private int running; // guarded by this
  private boolean shut; // guarded by this

  /** Before a run: returns at once while open; once shut, never returns. */
  synchronized void enter() {
    boolean interrupted = false;
    while (shut) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // still no run: the session is going or gone
      }
    }
    running++;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** After a run, failed or not. */
  synchronized void exit() {
    running--;
    notifyAll();
  }

  /** Lets no new run start and waits up to {@code timeout} for those running; true when none is. */
  synchronized boolean shut(Duration timeout) {
    shut = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (long left = timeout.toMillis(); running > 0 && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return running == 0;
  }

  synchronized int running() {
    return running;
  }
}
