package dev.resolute.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Which cameras the last chunks of one partition came from. Several cameras can hash to one
 * partition; each should count only its own share of the partition's backlog, or all of them would
 * size their level to drain everyone's chunks.
 */
public final class CameraMix {
  private final String[] recent;
  private final Map<String, Integer> counts = new HashMap<>();
  private int next;
  private int size;

  public CameraMix(int window) {
    recent = new String[window];
  }

  public void saw(String camera) {
    if (size == recent.length) {
      counts.merge(recent[next], -1, Integer::sum);
    } else {
      size++;
    }
    recent[next] = camera;
    counts.merge(camera, 1, Integer::sum);
    next = (next + 1) % recent.length;
  }

  /** This camera's fraction of the recent chunks (1 when it is alone or nothing was seen). */
  public double share(String camera) {
    return size == 0 ? 1.0 : counts.getOrDefault(camera, 0) / (double) size;
  }
}
