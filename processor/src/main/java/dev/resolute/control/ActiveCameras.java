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
 */
public final class ActiveCameras {
  private static final long ACTIVE_FOR_MS = 10_000;

  private record Seen(Object thread, long atMs, double demand) {}

  private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

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
    if (!allKnown || onThread <= 1) {
      return 1.0 / Math.max(1, onThread);
    }
    return demand / total;
  }
}
