package dev.resolute.ingest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One live camera's state, updated by its ingest worker and read by anyone (thread-safe). */
public final class CameraHealth {
  private final AtomicBoolean connected = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong lastPacketMs = new AtomicLong(-1);
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong chunks = new AtomicLong();

  void connected(boolean up) {
    connected.set(up);
  }

  /** The source reached its end and will not be read again. */
  void ended() {
    ended.set(true);
  }

  void reconnecting() {
    reconnects.incrementAndGet();
  }

  void packet(long nowMs, int size) {
    lastPacketMs.set(nowMs);
    bytes.addAndGet(size);
  }

  void chunk() {
    chunks.incrementAndGet();
  }

  public boolean isConnected() {
    return connected.get();
  }

  /** True once the source ended for good: nothing more will come from this camera. */
  public boolean isEnded() {
    return ended.get();
  }

  public long reconnects() {
    return reconnects.get();
  }

  public long chunks() {
    return chunks.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /** Milliseconds since the last packet, or -1 before the first. */
  public long lastPacketAgeMs(long nowMs) {
    long last = lastPacketMs.get();
    return last < 0 ? -1 : nowMs - last;
  }
}
