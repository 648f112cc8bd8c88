package dev.resolute.workbench.replay;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.time.MonotonicStamps;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Plays recorded chunks into a sink with their original spacing divided by {@code speed}: a chunk
 * leaves at start + (its capture time - the first capture time) / speed, on an absolute schedule,
 * so one late chunk does not delay the rest.
 *
 * <p>At full speed ({@code speed} infinite) with one copy and no loop, chunks go out exactly as
 * recorded, byte for byte. Otherwise each is re-stamped as captured when it leaves (capture time
 * scale divided by the speed), so lag downstream is measured from the replay, and copies for
 * {@code cameras > 1} get ids {@code camera-0 .. camera-(n-1)}; loops continue each camera's
 * sequence and frame numbers.
 */
public final class ChunkReplayer {

  /**
   * @param speed times real time; {@link Double#POSITIVE_INFINITY} for as fast as possible
   * @param cameras copies of every camera, each under its own id
   * @param loop start over at the end, until {@code durationMs} has passed
   * @param durationMs stop after this much wall time (0 for no limit; with {@code loop}, required)
   */
  public record Settings(double speed, int cameras, boolean loop, long durationMs) {
    public Settings {
      if (!(speed > 0)) {
        throw new IllegalArgumentException("--speed must be a positive factor or max, got " + speed);
      }
      if (cameras < 1) {
        throw new IllegalArgumentException("--cameras must be >= 1, got " + cameras);
      }
      if (loop && durationMs <= 0) {
        throw new IllegalArgumentException("--loop needs --duration, or it never ends");
      }
    }

    boolean verbatim() {
      return Double.isInfinite(speed) && cameras == 1 && !loop;
    }
  }

  /** What a replay sent. */
  public record Result(long chunks, long frames, long wallMs) {}

  private final Settings settings;
  private final Clock clock;
  private final LongConsumer sleeper;
  private final Map<String, MonotonicStamps> stamps = new HashMap<>();

  public ChunkReplayer(Settings settings, Clock clock, LongConsumer sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static ChunkReplayer realTime(Settings settings) {
    return new ChunkReplayer(settings, Clock.systemUTC(), ChunkReplayer::sleep);
  }

  public Result replay(List<VideoChunk> recording, Consumer<VideoChunk> sink, Consumer<Result> progress) {
    if (recording.isEmpty()) {
      return new Result(0, 0, 0);
    }
    List<VideoChunk> ordered = recording.stream().sorted(Comparator.comparingLong(VideoChunk::getCaptureTimeMs)).toList();
    long firstCapture = ordered.get(0).getCaptureTimeMs();
    long span = ordered.get(ordered.size() - 1).getCaptureTimeMs() - firstCapture + chunkMs(ordered.get(ordered.size() - 1));
    Map<String, long[]> loopWidth = widths(ordered);
    long start = clock.millis();
    long chunks = 0;
    long frames = 0;
    for (int round = 0; ; round++) {
      for (VideoChunk chunk : ordered) {
        long offsetMs = chunk.getCaptureTimeMs() - firstCapture + (long) round * span;
        if (!Double.isInfinite(settings.speed())) {
          long due = start + Math.round(offsetMs / settings.speed());
          long wait = due - clock.millis();
          if (wait > 0) {
            sleeper.accept(wait);
          }
        }
        if (settings.durationMs() > 0 && clock.millis() - start >= settings.durationMs()) {
          return new Result(chunks, frames, clock.millis() - start);
        }
        for (int copy = 0; copy < settings.cameras(); copy++) {
          sink.accept(settings.verbatim() ? chunk : restamped(chunk, copy, round, loopWidth));
          chunks++;
          frames += chunk.getFrameCount();
        }
        progress.accept(new Result(chunks, frames, clock.millis() - start));
      }
      if (!settings.loop()) {
        return new Result(chunks, frames, clock.millis() - start);
      }
    }
  }

  private VideoChunk restamped(VideoChunk chunk, int copy, int round, Map<String, long[]> widths) {
    long[] width = widths.get(chunk.getCameraId());
    String camera = settings.cameras() == 1 ? chunk.getCameraId() : chunk.getCameraId() + "-" + copy;
    double scale = chunk.getCaptureTimeScale() / (Double.isInfinite(settings.speed()) ? 1 : settings.speed());
    double mediaSpanMs = ChunkTimeline.mediaSpanMs(chunk);
    long now = clock.millis();
    // its last frame is "captured" as it leaves, and no earlier than the camera's previous chunk
    MonotonicStamps.Stamp stamp = stamps.computeIfAbsent(camera, c -> new MonotonicStamps())
        .place(now - Math.round(mediaSpanMs * scale), mediaSpanMs, scale, now);
    return VideoChunk.newBuilder(chunk)
        .setCameraId(camera)
        .setSequence(chunk.getSequence() + round * width[0])
        .setFirstFrameIndex(chunk.getFirstFrameIndex() + round * width[1])
        .setCaptureTimeMs(stamp.firstMs())
        .setCaptureTimeScale(stamp.scale())
        .build();
  }

  /** Per camera: how far sequence and frame numbers advance per loop. */
  private static Map<String, long[]> widths(List<VideoChunk> chunks) {
    Map<String, long[]> widths = new HashMap<>();
    for (VideoChunk c : chunks) {
      long[] w = widths.computeIfAbsent(c.getCameraId(), k -> new long[2]);
      w[0] = Math.max(w[0], c.getSequence() + 1);
      w[1] = Math.max(w[1], c.getFirstFrameIndex() + c.getFrameCount());
    }
    return widths;
  }

  private static long chunkMs(VideoChunk chunk) {
    return Math.round(ChunkTimeline.mediaDurationMs(chunk) * chunk.getCaptureTimeScale());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", e);
    }
  }
}
