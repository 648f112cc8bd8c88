package dev.resolute.testkit.traffic;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.time.MonotonicStamps;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Passes chunks on at {@code speed} times the pace they were recorded at: a chunk leaves when its
 * last frame would have been captured, counted from the first chunk, and is stamped as captured
 * then, with {@code captureTimeScale = 1 / speed} so that per-frame capture times stay right.
 */
public final class ReplayPacer implements Consumer<VideoChunk> {
  private final double speed;
  private final Clock clock;
  private final Consumer<VideoChunk> next;
  private final LongConsumer sleeper;
  private final MonotonicStamps stamps = new MonotonicStamps(); // a pacer serves one camera
  private long startWallMs = -1;
  private long startPtsMicros;

  public ReplayPacer(double speed, Clock clock, Consumer<VideoChunk> next) {
    this(speed, clock, ReplayPacer::sleep, next);
  }

  /** With the waiting done by {@code sleeper} (milliseconds), so tests can run on a virtual clock. */
  ReplayPacer(double speed, Clock clock, LongConsumer sleeper, Consumer<VideoChunk> next) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("replay speed must be a positive finite factor, got " + speed);
    }
    this.speed = speed;
    this.clock = clock;
    this.next = next;
    this.sleeper = sleeper;
  }

  @Override
  public void accept(VideoChunk chunk) {
    if (startWallMs < 0) {
      startWallMs = clock.millis();
      startPtsMicros = chunk.getFirstPtsMicros();
    }
    double mediaSpanMs = ChunkTimeline.mediaSpanMs(chunk);
    double lastFrameMediaMs = (ChunkTimeline.lastPtsMicros(chunk) - startPtsMicros) / 1000.0;
    long dueMs = startWallMs + Math.round(lastFrameMediaMs / speed);
    sleepUntil(dueMs);
    long now = clock.millis();
    MonotonicStamps.Stamp stamp = stamps.place(now - Math.round(mediaSpanMs / speed), mediaSpanMs, 1 / speed, now);
    next.accept(VideoChunk.newBuilder(chunk)
        .setCaptureTimeMs(stamp.firstMs())
        .setCaptureTimeScale(stamp.scale())
        .build());
  }

  private void sleepUntil(long dueMs) {
    long wait = dueMs - clock.millis();
    if (wait > 0) {
      sleeper.accept(wait);
    }
  }

  /** The wait for a chunk's time was interrupted (a user's Ctrl-C); the caller says what that means to it. */
  public static final class Interrupted extends RuntimeException {
    Interrupted(InterruptedException cause) {
      super("replay interrupted", cause);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(e);
    }
  }
}
