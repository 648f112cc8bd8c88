package dev.resolute.schemas.time;

import dev.resolute.schemas.VideoChunk;
import java.util.List;

/**
 * Where each frame of a chunk lies in source time and on the wall clock. Every reader of chunks
 * (processor, replay, load test) goes through here, so that a chunk written before per-frame
 * times existed (frames spaced 1/fps apart) and one with variable timing are read the same way.
 */
public final class ChunkTimeline {
  /**
   * The longest a chunk's frame times may span, in source microseconds: ingest closes a chunk
   * there even without a keyframe to cut at, so a longer span is not a chunk ingest wrote. Kept
   * here so that the processor checks exactly the cap ingest applies.
   */
  public static final long MAX_SPAN_MICROS = 60_000_000;

  private ChunkTimeline() {}

  /**
   * Frames the chunk brings that no earlier chunk did: all but its decode-only frames (the first
   * {@code decodeOnlyFrames} in presentation order, published before and carried only so that the
   * rest decode). Everything that processes, counts or expects frames goes by these.
   */
  public static int newFrames(VideoChunk chunk) {
    return chunk.getFrameCount() - chunk.getDecodeOnlyFrames();
  }

  /** Position, in presentation order, of the chunk's first new frame: its decode-only frames come before. */
  public static int firstNewFrame(VideoChunk chunk) {
    return chunk.getDecodeOnlyFrames();
  }

  /** Frame index of the chunk's first new frame; the camera's next chunk's new frames start at {@link #nextFrameIndex}. */
  public static long firstNewFrameIndex(VideoChunk chunk) {
    return chunk.getFirstFrameIndex() + chunk.getDecodeOnlyFrames();
  }

  /** Frame index that follows the chunk's last frame in the camera's sequence. */
  public static long nextFrameIndex(VideoChunk chunk) {
    return chunk.getFirstFrameIndex() + chunk.getFrameCount();
  }

  /** Source presentation time of the chunk's {@code i}-th frame, in presentation order. */
  public static long ptsMicros(VideoChunk chunk, int i) {
    List<Long> pts = chunk.getFramePtsMicros();
    if (pts.size() == chunk.getFrameCount()) {
      return pts.get(i);
    }
    return chunk.getFirstPtsMicros() + Math.round(i * 1e6 / chunk.getFps());
  }

  public static long lastPtsMicros(VideoChunk chunk) {
    return ptsMicros(chunk, chunk.getFrameCount() - 1);
  }

  /** Source time from the first frame to the last, in milliseconds. */
  public static double mediaSpanMs(VideoChunk chunk) {
    return (lastPtsMicros(chunk) - chunk.getFirstPtsMicros()) / 1000.0;
  }

  /**
   * Source time the chunk covers, its last frame's display included: the span plus one frame,
   * the last interval between frames where there is one.
   */
  public static double mediaDurationMs(VideoChunk chunk) {
    int n = chunk.getFrameCount();
    double lastFrameMs = n > 1 ? (ptsMicros(chunk, n - 1) - ptsMicros(chunk, n - 2)) / 1000.0 : 1000.0 / chunk.getFps();
    return mediaSpanMs(chunk) + lastFrameMs;
  }

  /** Wall-clock capture time of the frame shown at {@code ptsMicros}, replay speed included. */
  public static long captureTimeMs(VideoChunk chunk, long ptsMicros) {
    double offsetMs = (ptsMicros - chunk.getFirstPtsMicros()) / 1000.0 * chunk.getCaptureTimeScale();
    return chunk.getCaptureTimeMs() + Math.round(offsetMs);
  }

  /** When the chunk's last frame was captured: it cannot have been sent before. */
  public static long completedAtMs(VideoChunk chunk) {
    return captureTimeMs(chunk, lastPtsMicros(chunk));
  }
}
