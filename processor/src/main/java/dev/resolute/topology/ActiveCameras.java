package dev.resolute.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stream thread processed each camera recently. A camera's share of processing capacity is
 * 1 / the cameras its thread serves: a task runs on one thread, so two cameras on one thread of a
 * two-thread instance each get half a thread, not a whole one. A camera whose task moved to
 * another thread (a rebalance) counts only where it was last seen.
 */
public final class ActiveCameras {
  private static final long ACTIVE_FOR_MS = 10_000;

  private record Seen(Thread thread, long atMs) {}

  private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

  /** Records that the calling thread processes {@code camera} now; returns its share of the thread. */
  double shareFor(String camera, long nowMs) {
    Thread thread = Thread.currentThread();
    lastSeen.put(camera, new Seen(thread, nowMs));
    lastSeen.values().removeIf(seen -> nowMs - seen.atMs() > ACTIVE_FOR_MS);
    long onThread = lastSeen.values().stream().filter(seen -> seen.thread() == thread).count();
    return 1.0 / Math.max(1, onThread);
  }
}
