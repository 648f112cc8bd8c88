package dev.resolute.decode;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.util.List;
import java.util.Set;

/**
 * Everything a chunk's header claims, checked before anything acts on it: one forged or damaged
 * header (fps 1e9, 2^31 frames, 100000 pixels a side, a capture time in 1970) must reach the
 * dead-letter topic, not the controller's arrival estimate, the autoscaling signal or the heap.
 */
public final class ChunkHeader {
  /** Demuxers a chunk may name: the ones ingest writes. Others (hls, concat...) could open other files or URLs. */
  static final Set<String> CONTAINERS = Set.of("matroska", "mpegts");
  /** No camera or archive runs faster; a higher rate is a damaged header. */
  static final double MAX_FPS = 1000;
  /** Wall seconds per source second: 1 live, below 1 for a fast replay; 1000 is a slow motion no camera records. */
  static final double MAX_CAPTURE_TIME_SCALE = 1000;
  /** 2001-01-01: anything earlier is not a wall-clock capture time (a replay that kept media time, say). */
  static final long EARLIEST_CAPTURE_MS = 978_307_200_000L;
  /**
   * What the decoded frames of one chunk may take in memory by default: a third of the heap, so
   * that a chunk that fits is processed and one that does not is dead-lettered instead of ending
   * the process with an OutOfMemoryError that would recur on the same record after every restart.
   */
  public static final long DEFAULT_MAX_DECODED_BYTES = Runtime.getRuntime().maxMemory() / 3;

  private ChunkHeader() {}

  /** @return the size its pictures must decode to, as the header declares it */
  static FrameGeometry check(VideoChunk chunk, long maxDecodedBytes) throws ChunkDecodeException {
    checkCountAndRate(chunk);
    if (!CONTAINERS.contains(chunk.getContainer())) {
      throw new ChunkDecodeException("container '" + chunk.getContainer() + "' is not one of " + CONTAINERS, null);
    }
    FrameGeometry geometry = FrameGeometry.of(chunk);
    long decodedBytes;
    try {
      decodedBytes = Math.multiplyExact(Math.multiplyExact((long) chunk.getFrameCount(), (long) geometry.codedWidth()),
          Math.multiplyExact((long) geometry.codedHeight(), 3L));
    } catch (ArithmeticException e) {
      decodedBytes = Long.MAX_VALUE;
    }
    if (decodedBytes > maxDecodedBytes) {
      throw new ChunkDecodeException(String.format("chunk of %d frames of %dx%d would take %.1f MiB decoded, more than the "
          + "%.1f MiB a chunk may (re-ingest with shorter chunks, or give the processor more heap)", chunk.getFrameCount(),
          chunk.getWidth(), chunk.getHeight(), decodedBytes / 1048576.0, maxDecodedBytes / 1048576.0), null);
    }
    checkTiming(chunk);
    return geometry;
  }

  /**
   * Checks every time the header declares or implies against what the output topics will take
   * now: the capture times of the first and the last frame (every other frame lies between them)
   * become Kafka timestamps of the frames' outputs, and a broker that refuses one aborts the whole
   * transaction. Run before the chunk is decoded or reaches the controller, after the rest of
   * the header (in the order the decoder checks it, so a chunk gets the same reason either way).
   */
  public static void checkCaptureTimes(VideoChunk chunk, CaptureWindow window, long nowMs) throws ChunkDecodeException {
    check(chunk, DEFAULT_MAX_DECODED_BYTES);
    String problem = window.problem(chunk.getCaptureTimeMs(), lastCaptureMs(chunk), nowMs);
    if (problem != null) {
      throw new ChunkDecodeException(problem, null);
    }
  }

  /** Frame count, rate, scale, frame times and their span: everything the capture times are derived from. */
  private static void checkTiming(VideoChunk chunk) throws ChunkDecodeException {
    checkCountAndRate(chunk);
    double scale = chunk.getCaptureTimeScale();
    if (!(scale >= 0 && scale <= MAX_CAPTURE_TIME_SCALE)) { // 0: a burst, every frame captured at one instant
      throw new ChunkDecodeException("chunk declares a capture time scale of " + scale, null);
    }
    if (chunk.getCaptureTimeMs() < EARLIEST_CAPTURE_MS) {
      throw new ChunkDecodeException("capture time " + java.time.Instant.ofEpochMilli(chunk.getCaptureTimeMs())
          + " is not a wall-clock time (a replay that kept the media time?)", null);
    }
    checkFrameTimes(chunk);
    long span = spanMicros(chunk);
    if (span > ChunkTimeline.MAX_SPAN_MICROS) {
      throw new ChunkDecodeException(String.format("chunk's frame times span %d µs, more than the %d s ingest closes a chunk at",
          span, ChunkTimeline.MAX_SPAN_MICROS / 1_000_000), null);
    }
  }

  /**
   * A frame's source time from the container's clock, for a chunk that lists no frame times. The
   * header's span was checked as (frames - 1) / fps, so the container may not stretch it: its times,
   * times the capture-time scale, become the outputs' Kafka timestamps. An offset within one frame
   * interval of the span is the container's rounding and is held to the span; one beyond is refused.
   *
   * @param offsetMicros the frame's container time minus the first frame's
   */
  static long containerPtsMicros(VideoChunk chunk, long offsetMicros) throws ChunkDecodeException {
    long span = spanMicros(chunk);
    long interval = (long) Math.ceil(1e6 / chunk.getFps());
    if (offsetMicros < -interval || offsetMicros - span > interval) {
      throw new InvalidChunkException(String.format("the container places a frame %d µs from the first, outside the "
          + "%d µs its header declares (%d frames at %s fps)", offsetMicros, span, chunk.getFrameCount(), chunk.getFps()));
    }
    // spanMicros checked that the first frame's time plus the span does not overflow
    return chunk.getFirstPtsMicros() + Math.max(0, Math.min(span, offsetMicros));
  }

  private static void checkCountAndRate(VideoChunk chunk) throws ChunkDecodeException {
    int frames = chunk.getFrameCount();
    if (frames <= 0) {
      throw new ChunkDecodeException("chunk declares " + frames + " frames", null);
    }
    int decodeOnly = chunk.getDecodeOnlyFrames();
    if (decodeOnly < 0 || decodeOnly >= frames) {
      // at least one new frame: a chunk of only frames published before has nothing to process,
      // and a negative count would hand out frame indices below the chunk's own
      throw new ChunkDecodeException("chunk declares " + decodeOnly + " decode-only frames of its " + frames
          + " (0 to " + (frames - 1) + " may be: a chunk carries at least one new frame)", null);
    }
    double fps = chunk.getFps();
    if (!(fps > 0 && fps <= MAX_FPS)) {
      throw new ChunkDecodeException("chunk declares a frame rate of " + fps + " (a rate in (0, " + MAX_FPS + "] is expected)", null);
    }
  }

  /**
   * Source time from the first frame to the last, derived the way {@link ChunkTimeline} derives
   * it but with checked arithmetic: a sum that overflows is a forged header, not a time.
   */
  private static long spanMicros(VideoChunk chunk) throws ChunkDecodeException {
    try {
      List<Long> pts = chunk.getFramePtsMicros();
      if (!pts.isEmpty()) {
        return Math.subtractExact(pts.get(pts.size() - 1), chunk.getFirstPtsMicros());
      }
      double span = Math.rint((chunk.getFrameCount() - 1) * 1e6 / chunk.getFps());
      if (span >= Long.MAX_VALUE) {
        throw new ArithmeticException("span of " + span + " µs");
      }
      Math.addExact(chunk.getFirstPtsMicros(), (long) span); // the last frame's time must exist too
      return (long) span;
    } catch (ArithmeticException e) {
      throw new ChunkDecodeException("chunk's frame times overflow a 64-bit microsecond count", null);
    }
  }

  /** The last frame's capture time: the span, already checked, times a scale of at most {@value #MAX_CAPTURE_TIME_SCALE}. */
  private static long lastCaptureMs(VideoChunk chunk) throws ChunkDecodeException {
    try {
      return Math.addExact(chunk.getCaptureTimeMs(), Math.round(spanMicros(chunk) / 1000.0 * chunk.getCaptureTimeScale()));
    } catch (ArithmeticException e) {
      throw new ChunkDecodeException("chunk's last capture time overflows a 64-bit millisecond count", null);
    }
  }

  private static void checkFrameTimes(VideoChunk chunk) throws ChunkDecodeException {
    List<Long> pts = chunk.getFramePtsMicros();
    if (pts.isEmpty()) {
      return; // written before per-frame times: the container's timestamps are all there is
    }
    if (pts.size() != chunk.getFrameCount()) {
      throw new ChunkDecodeException("chunk lists " + pts.size() + " frame times for " + chunk.getFrameCount() + " frames", null);
    }
    if (pts.get(0) != chunk.getFirstPtsMicros()) {
      throw new ChunkDecodeException("chunk's first frame time " + pts.get(0) + " µs differs from its firstPtsMicros "
          + chunk.getFirstPtsMicros(), null);
    }
    for (int i = 1; i < pts.size(); i++) {
      if (pts.get(i) < pts.get(i - 1)) {
        throw new ChunkDecodeException("chunk's frame times go backwards at frame " + i, null);
      }
    }
  }
}
