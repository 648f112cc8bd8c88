package dev.resolute.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cameras this instance served recently, across all its stream threads: a camera's share of
 * the processing capacity is threads / active cameras, which the controller's capacity figures use.
 */
public final class ActiveCameras {
  private static final long ACTIVE_FOR_MS = 10_000;

  private final int threads;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

  public ActiveCameras(int threads) {
    this.threads = threads;
  }

  double shareFor(String camera, long nowMs) {
    lastSeen.put(camera, nowMs);
    lastSeen.values().removeIf(seen -> nowMs - seen > ACTIVE_FOR_MS);
    return Math.min(1.0, (double) threads / lastSeen.size());
  }
}
