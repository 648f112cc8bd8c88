package dev.resolute.testkit.traffic;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.time.MonotonicStamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.common.utils.Utils;

/**
 * Puts chunks on their way at a pace: the demo's file at its recorded pace, a recording replayed
 * faster or slower and multiplied, or live cameras that publish a clip for as long as a test runs.
 * A {@link Plan} says when each chunk leaves, how it is stamped, under which camera ids, whether the
 * chunks start over at the end and for how long. Recorded chunks leave on an absolute schedule
 * counted from the first, so that one late chunk does not delay the rest.
 */
public final class ChunkPacer {

  /** When a chunk leaves. */
  public sealed interface Timing {
    /**
     * On the recorded timeline divided by {@code speed} ({@link Double#POSITIVE_INFINITY}: at once).
     * The timeline is the one {@code at} reads (see {@link Release}); chunks of a whole recording
     * leave in its order.
     */
    record Recorded(double speed, Release at) implements Timing {
      public Recorded {
        if (!(speed > 0)) {
          throw new IllegalArgumentException("speed must be a positive factor or infinite, got " + speed);
        }
      }
    }

    /**
     * One chunk (of each camera) every {@code perChunk} after the previous one was sent, in the order
     * given: a steady camera, which after a publisher that blocked (a broker away) goes on at its
     * pace rather than with a burst of the chunks it missed.
     */
    record Fixed(Duration perChunk) implements Timing {
      public Fixed {
        if (perChunk.isNegative()) {
          throw new IllegalArgumentException("a chunk interval cannot be negative: " + perChunk);
        }
      }
    }
  }

  /** Which moment of a chunk decides when it leaves, and so which clock of the recording is read. */
  public enum Release {
    /**
     * When its last frame would have been captured, by the media clock (presentation times, counted
     * from the first chunk's first frame): for one camera's stream read from a file, whose capture
     * times only say when it was read.
     */
    LAST_FRAME,
    /**
     * At its first frame's capture time, counted from the first chunk's: for a recording of several
     * cameras, whose capture times are the one timeline they share.
     */
    FIRST_FRAME
  }

  /** How a chunk leaving is stamped. */
  public enum Restamp {
    /** Capture time and scale as recorded (a replay that must be the recording, byte for byte). */
    VERBATIM,
    /**
     * Captured as it leaves: its last frame now, never before its camera's previous chunk, with the
     * recorded capture time scale divided by the speed, so that lag downstream is measured from the replay.
     */
    MONOTONIC_SCALED,
    /** Captured now, the recorded scale kept: a live camera whose frame times repeat from round to round. */
    WALL_NOW
  }

  /** Under which camera ids the copies of a chunk leave. */
  public sealed interface Naming {
    /** The recorded camera's id (one copy). */
    record AsIs() implements Naming {}

    /** Copy {@code i} of camera {@code c} as {@code c-i}. */
    record Suffixed() implements Naming {}

    /**
     * Copy {@code i} as {@code prefix-i-n}, with the first {@code n} that the default partitioner puts
     * on partition {@code i mod partitions}, so that every partition has work; the recorded id is
     * dropped (the source is one camera's clip). A run's own prefix keeps its cameras apart from
     * another run's on a shared cluster.
     */
    record PinnedToPartitions(String prefix, int partitions) implements Naming {
      public PinnedToPartitions {
        if (partitions < 1) {
          throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
      }

      /** The ids of {@code cameras} copies, in copy order. */
      public List<String> ids(int cameras) {
        List<String> ids = new ArrayList<>();
        for (int camera = 0; camera < cameras; camera++) {
          ids.add(idOn(camera % partitions, camera));
        }
        return List.copyOf(ids);
      }

      private String idOn(int partition, int camera) {
        for (int n = 0; ; n++) {
          String id = prefix + "-" + camera + "-" + n;
          if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
            return id;
          }
        }
      }
    }
  }

  /**
   * @param cameras copies of every chunk, each under its own id (see {@code naming})
   * @param loop start over at the end, each camera's chunk and frame numbers counting on, until
   *     {@code limit} or {@link #stop()}
   * @param limit stop after this much wall time; {@link Duration#ZERO} for none
   */
  public record Plan(Timing timing, Restamp restamp, int cameras, Naming naming, boolean loop, Duration limit) {
    public Plan {
      if (cameras < 1) {
        throw new IllegalArgumentException("cameras must be >= 1, got " + cameras);
      }
      if (naming instanceof Naming.AsIs && cameras > 1) {
        throw new IllegalArgumentException(cameras + " copies of a camera need their own ids, not the recorded one");
      }
      if (limit.isNegative()) {
        throw new IllegalArgumentException("a time limit cannot be negative: " + limit);
      }
    }

    /** The demo's file: one camera as it was recorded, {@code speed} times faster, as fast as read when infinite. */
    public static Plan file(double speed) {
      return new Plan(new Timing.Recorded(speed, Release.LAST_FRAME),
          Double.isInfinite(speed) ? Restamp.VERBATIM : Restamp.MONOTONIC_SCALED, 1, new Naming.AsIs(), false, Duration.ZERO);
    }

    /**
     * A recording replayed: as recorded, byte for byte, at full speed with one copy and no loop;
     * otherwise restamped as it leaves, and copies as {@code camera-i}.
     */
    public static Plan replay(double speed, int cameras, boolean loop, Duration limit) {
      boolean verbatim = Double.isInfinite(speed) && cameras == 1 && !loop;
      return new Plan(new Timing.Recorded(speed, Release.FIRST_FRAME), verbatim ? Restamp.VERBATIM : Restamp.MONOTONIC_SCALED,
          cameras, cameras == 1 ? new Naming.AsIs() : new Naming.Suffixed(), loop, limit);
    }

    /** Live cameras: a clip's chunks, one of each camera every {@code interval}, round after round until stopped. */
    public static Plan cameras(Duration interval, int cameras, String prefix, int partitions) {
      return new Plan(new Timing.Fixed(interval), Restamp.WALL_NOW, cameras, new Naming.PinnedToPartitions(prefix, partitions),
          true, Duration.ZERO);
    }
  }

  /** What a play sent so far. */
  public record Result(long chunks, long frames, long wallMs) {}

  /** The wait for a chunk's time was interrupted (a user's Ctrl-C); the caller says what that means to it. */
  public static final class Interrupted extends RuntimeException {
    Interrupted(InterruptedException cause) {
      super("replay interrupted", cause);
    }
  }

  private final Plan plan;
  private final Clock clock;
  private final LongConsumer sleeper;
  private volatile boolean stopped;

  /** @param sleeper waits this many milliseconds, so that a test can move a clock of its own instead */
  public ChunkPacer(Plan plan, Clock clock, LongConsumer sleeper) {
    this.plan = plan;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static ChunkPacer realTime(Plan plan) {
    return new ChunkPacer(plan, Clock.systemUTC(), ChunkPacer::sleep);
  }

  /** Ends a play from another thread once the chunk leaving now has left. */
  public void stop() {
    stopped = true;
  }

  /**
   * Plays a whole recording (or clip) into {@code sink}, round after round if the plan loops, and
   * tells {@code progress} after each step.
   */
  public Result play(List<VideoChunk> recording, Consumer<VideoChunk> sink, Consumer<Result> progress) {
    if (recording.isEmpty()) {
      return new Result(0, 0, 0);
    }
    List<VideoChunk> ordered = plan.timing() instanceof Timing.Recorded
        ? recording.stream().sorted(Comparator.comparingDouble(this::recordedStartMs)).toList() : recording;
    Run run = new Run(sink, ordered.get(0));
    VideoChunk last = ordered.get(ordered.size() - 1);
    double roundMs = recordedStartMs(last) + ChunkTimeline.mediaDurationMs(last) * recordedScale(last) - run.firstMs;
    Map<String, long[]> widths = widths(ordered);
    for (int round = 0; ; round++) {
      for (VideoChunk chunk : ordered) {
        if (!run.step(chunk, round, round * roundMs, widths)) {
          return run.result();
        }
        progress.accept(run.result());
      }
      if (!plan.loop()) {
        return run.result();
      }
    }
  }

  /**
   * Paces chunks as a source makes them (a file being cut into chunks), in the order they come: one
   * pass, so the plan may neither loop nor stop at a time limit.
   */
  public Consumer<VideoChunk> pacing(Consumer<VideoChunk> sink) {
    if (plan.loop() || !plan.limit().isZero()) {
      throw new IllegalArgumentException("chunks paced as they come cannot loop or stop at a time limit");
    }
    Run[] run = new Run[1];
    return chunk -> {
      if (run[0] == null) {
        run[0] = new Run(sink, chunk);
      }
      run[0].step(chunk, 0, 0, Map.of());
    };
  }

  /** One play: when it started, what it sent, and each output camera's stamps. */
  private final class Run {
    final Consumer<VideoChunk> sink;
    final long startMs = clock.millis();
    final double firstMs;
    final Map<String, MonotonicStamps> stamps = new HashMap<>();
    final List<String> pinned;
    long steps;
    long lastSentMs;
    long chunks;
    long frames;

    Run(Consumer<VideoChunk> sink, VideoChunk first) {
      this.sink = sink;
      this.firstMs = recordedStartMs(first);
      this.pinned = plan.naming() instanceof Naming.PinnedToPartitions p ? p.ids(plan.cameras()) : List.of();
    }

    /** Sends every copy of {@code chunk} when it is due; false once the play is over instead. */
    boolean step(VideoChunk chunk, int round, double roundOffsetMs, Map<String, long[]> widths) {
      if (stopped) {
        return false;
      }
      waitUntil(dueMs(chunk, roundOffsetMs));
      if (stopped || (!plan.limit().isZero() && clock.millis() - startMs >= plan.limit().toMillis())) {
        return false;
      }
      for (int copy = 0; copy < plan.cameras(); copy++) {
        sink.accept(copy(chunk, copy, round, widths.get(chunk.getCameraId())));
        chunks++;
        frames += chunk.getFrameCount();
      }
      steps++;
      lastSentMs = clock.millis();
      return true;
    }

    private long dueMs(VideoChunk chunk, double roundOffsetMs) {
      if (plan.timing() instanceof Timing.Fixed fixed) {
        return steps == 0 ? startMs : lastSentMs + fixed.perChunk().toMillis();
      }
      Timing.Recorded recorded = (Timing.Recorded) plan.timing();
      if (Double.isInfinite(recorded.speed())) {
        return startMs;
      }
      double offsetMs = recordedStartMs(chunk) - firstMs + roundOffsetMs
          + (recorded.at() == Release.LAST_FRAME ? ChunkTimeline.mediaSpanMs(chunk) : 0);
      return startMs + Math.round(offsetMs / recorded.speed());
    }

    private void waitUntil(long dueMs) {
      long wait = dueMs - clock.millis();
      if (wait > 0) {
        sleeper.accept(wait);
      }
    }

    private VideoChunk copy(VideoChunk chunk, int copy, int round, long[] width) {
      String camera = plan.naming() instanceof Naming.AsIs ? chunk.getCameraId()
          : plan.naming() instanceof Naming.Suffixed ? chunk.getCameraId() + "-" + copy : pinned.get(copy);
      if (plan.restamp() == Restamp.VERBATIM && round == 0 && camera.equals(chunk.getCameraId())) {
        return chunk; // the recording itself, not an equal copy of it
      }
      VideoChunk.Builder out = VideoChunk.newBuilder(chunk).setCameraId(camera);
      if (round > 0) {
        out.setSequence(chunk.getSequence() + round * width[0]).setFirstFrameIndex(chunk.getFirstFrameIndex() + round * width[1]);
      }
      long now = clock.millis();
      switch (plan.restamp()) {
        case VERBATIM -> { }
        case WALL_NOW -> out.setCaptureTimeMs(now);
        case MONOTONIC_SCALED -> {
          double scale = recordedScale(chunk) / speed();
          double mediaSpanMs = ChunkTimeline.mediaSpanMs(chunk);
          MonotonicStamps.Stamp stamp = stamps.computeIfAbsent(camera, c -> new MonotonicStamps())
              .place(now - Math.round(mediaSpanMs * scale), mediaSpanMs, scale, now);
          out.setCaptureTimeMs(stamp.firstMs()).setCaptureTimeScale(stamp.scale());
        }
      }
      return out.build();
    }

    Result result() {
      return new Result(chunks, frames, clock.millis() - startMs);
    }
  }

  /** Where a chunk starts on the recorded timeline, in milliseconds. */
  private double recordedStartMs(VideoChunk chunk) {
    return mediaClock() ? chunk.getFirstPtsMicros() / 1000.0 : chunk.getCaptureTimeMs();
  }

  /** Wall milliseconds per media millisecond on the recorded timeline. */
  private double recordedScale(VideoChunk chunk) {
    return mediaClock() ? 1 : chunk.getCaptureTimeScale();
  }

  private boolean mediaClock() {
    return plan.timing() instanceof Timing.Recorded recorded && recorded.at() == Release.LAST_FRAME;
  }

  private double speed() {
    return plan.timing() instanceof Timing.Recorded recorded && !Double.isInfinite(recorded.speed()) ? recorded.speed() : 1;
  }

  /** Per camera: how far chunk and frame numbers advance per round. */
  private static Map<String, long[]> widths(List<VideoChunk> chunks) {
    Map<String, long[]> widths = new HashMap<>();
    for (VideoChunk c : chunks) {
      long[] w = widths.computeIfAbsent(c.getCameraId(), k -> new long[2]);
      w[0] = Math.max(w[0], c.getSequence() + 1);
      w[1] = Math.max(w[1], c.getFirstFrameIndex() + c.getFrameCount());
    }
    return widths;
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
