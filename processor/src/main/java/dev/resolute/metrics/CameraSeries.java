package dev.resolute.metrics;

import dev.resolute.schemas.CameraIds;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which cameras may have series of their own in this process: at most {@code cap}, first come
 * first served. Holders (the controller's sensors of a stream task, the per-frame meters) ask
 * before they register a camera's first meter and release the camera when they evict it, so a slot
 * is free again only once every holder dropped the camera. Holders ask only for cameras whose
 * chunks the processor accepted: forged ids then cannot push out a camera that holds a slot, they
 * can only be refused. Refusals are counted; an id that breaks {@link CameraIds}' rule is refused
 * without being looked at, so it never becomes a label.
 */
public final class CameraSeries {
  private final int cap;
  private final Map<String, Set<Object>> holders = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();

  public CameraSeries(int cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("a cap of camera series must be >= 0, got " + cap);
    }
    this.cap = cap;
  }

  /** Whether {@code holder} may register series for {@code camera}; counts a refusal when not. */
  public synchronized boolean admit(String camera, Object holder) {
    Set<Object> held = holders.get(camera);
    if (held == null) {
      if (holders.size() >= cap || !CameraIds.valid(camera)) {
        refused.incrementAndGet();
        return false;
      }
      held = new HashSet<>();
      holders.put(camera, held);
    }
    held.add(holder);
    return true;
  }

  /** {@code holder} dropped the series of {@code camera}; the slot frees once no holder has it. */
  public synchronized void release(String camera, Object holder) {
    Set<Object> held = holders.get(camera);
    if (held != null && held.remove(holder) && held.isEmpty()) {
      holders.remove(camera);
    }
  }

  /** Records (a frame's costs, a controller batch) whose camera was refused a series. */
  public long refused() {
    return refused.get();
  }

  public synchronized int cameras() {
    return holders.size();
  }

  public int cap() {
    return cap;
  }
}
