package dev.resolute.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warm-up figures by camera resolution, shared by every task of an instance: the cost of each level
 * depends on the frame size, so the second camera of a size starts from the first one's figures
 * instead of stalling its partition for another warm-up (seconds per camera with a large model).
 */
public final class WarmUpCache {
  private final Map<String, double[]> bySize = new ConcurrentHashMap<>();

  double[] get(int width, int height) {
    double[] ms = bySize.get(width + "x" + height);
    return ms == null ? null : ms.clone();
  }

  void put(int width, int height, double[] ms) {
    bySize.put(width + "x" + height, ms.clone());
  }
}
