package dev.resolute.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stream thread processed each camera recently, and how much work each asks for. A camera's
 * share of processing capacity is its part of its own thread: a task runs on one thread, so two
 * cameras on one thread of a two-thread instance each get half a thread, not a whole one. A camera
 * whose task moved to another thread (a rebalance) counts only where it was last seen.
 *
 * <p>Shares follow demand (arriving frames times the full level's cost per frame), so that unequal
 * cameras on one thread end on the same stride and level: a camera twice as costly gets twice the
 * time. While any camera's demand is unknown the thread is split equally.
 *
 * <p>A task a thread was given counts as one camera of that thread from the moment it is given
 * ({@link #expect}) until its first camera is seen: the first chunks of all cameras arrive
 * together, and a thread whose first camera was planned on the whole thread (and its second on
 * half) overruns its first round, leaving the cameras queued behind it to drain their lag at high
 * strides for the twenty seconds it takes the controller to step back.
 */
public final class ActiveCameras {
  private static final long ACTIVE_FOR_MS = 10_000;

  private record Seen(Object thread, long atMs, double demand) {}

  private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();
  /** Tasks given to a thread whose first camera has not been seen yet, by task. */
  private final Map<String, Seen> expected = new ConcurrentHashMap<>();

  /** Records that {@code thread} was given {@code task} (a partition) now, before any of its cameras has been seen. */
  public void expect(String task, Object thread, long nowMs) {
    expected.put(task, new Seen(thread, nowMs, 0));
  }

  /** As {@link #shareFor(String, Object, long, double)}, for a camera of {@code task}: the task no longer stands in for it. */
  public double shareFor(String camera, String task, Object thread, long nowMs, double demand) {
    expected.remove(task);
    return shareFor(camera, thread, nowMs, demand);
  }

  /** Records that the calling thread processes {@code camera} now; returns its share of the thread. */
  public double shareFor(String camera, long nowMs) {
    return shareFor(camera, Thread.currentThread(), nowMs, 0);
  }

  /**
   * Records that {@code thread} (a stream thread, or a simulated one) processes {@code camera} now
   * and asks for {@code demand} ms of work per second (0 when unknown); returns its share of the thread.
   */
  public double shareFor(String camera, Object thread, long nowMs, double demand) {
    lastSeen.put(camera, new Seen(thread, nowMs, demand > 0 && Double.isFinite(demand) ? demand : 0));
    lastSeen.values().removeIf(seen -> nowMs - seen.atMs() > ACTIVE_FOR_MS);
    expected.values().removeIf(seen -> nowMs - seen.atMs() > ACTIVE_FOR_MS); // a task with no camera at all
    long onThread = 0;
    double total = 0;
    boolean allKnown = true;
    for (Seen seen : lastSeen.values()) {
      if (seen.thread() == thread) {
        onThread++;
        total += seen.demand();
        allKnown &= seen.demand() > 0;
      }
    }
    for (Seen seen : expected.values()) {
      if (seen.thread() == thread) {
        onThread++;
        allKnown = false;
      }
    }
    if (!allKnown || onThread <= 1) {
      return 1.0 / Math.max(1, onThread);
    }
    return demand / total;
  }
}
