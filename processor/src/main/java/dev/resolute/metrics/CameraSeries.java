package dev.resolute.metrics;

import dev.resolute.schemas.CameraIds;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which cameras may have series of their own in this process: at most {@code cap}, first come
 * first served. The per-frame meters ask before they register a camera's first meter and release
 * the camera when they evict it. They ask only for cameras whose chunks the processor accepted
 * (their cost records): forged ids then cannot push out a camera that holds a slot, they can only be
 * refused. Refusals are counted; an id that breaks {@link CameraIds}' rule is refused without being
 * looked at, so it never becomes a label.
 */
public final class CameraSeries {
  /** The camera label under which the frames of cameras refused a series of their own are counted. */
  public static final String OTHER = "(other)";

  private final int cap;
  private final Set<String> admitted = new HashSet<>();
  private final AtomicLong refused = new AtomicLong();

  public CameraSeries(int cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("a cap of camera series must be >= 0, got " + cap);
    }
    this.cap = cap;
  }

  /** Whether {@code camera} may have series; counts a refusal when not. */
  public synchronized boolean admit(String camera) {
    if (admitted.contains(camera)) {
      return true;
    }
    if (admitted.size() >= cap || !CameraIds.valid(camera)) {
      refused.incrementAndGet();
      return false;
    }
    admitted.add(camera);
    return true;
  }

  /** The series of {@code camera} are gone; its slot is free for another camera. */
  public synchronized void release(String camera) {
    admitted.remove(camera);
  }

  /** Cost records whose camera was refused a series. */
  public long refused() {
    return refused.get();
  }

  public synchronized int cameras() {
    return admitted.size();
  }

  public int cap() {
    return cap;
  }
}
