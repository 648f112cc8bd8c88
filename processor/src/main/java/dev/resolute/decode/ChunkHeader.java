package dev.resolute.decode;

import dev.resolute.schemas.VideoChunk;
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
    int frames = chunk.getFrameCount();
    if (frames <= 0) {
      throw new ChunkDecodeException("chunk declares " + frames + " frames", null);
    }
    double fps = chunk.getFps();
    if (!(fps > 0 && fps <= MAX_FPS)) {
      throw new ChunkDecodeException("chunk declares a frame rate of " + fps + " (a rate in (0, " + MAX_FPS + "] is expected)", null);
    }
    if (!CONTAINERS.contains(chunk.getContainer())) {
      throw new ChunkDecodeException("container '" + chunk.getContainer() + "' is not one of " + CONTAINERS, null);
    }
    FrameGeometry geometry = FrameGeometry.of(chunk);
    long decodedBytes = (long) frames * geometry.codedWidth() * geometry.codedHeight() * 3;
    if (decodedBytes > maxDecodedBytes) {
      throw new ChunkDecodeException(String.format("chunk of %d frames of %dx%d would take %.1f MiB decoded, more than the "
          + "%.1f MiB a chunk may (re-ingest with shorter chunks, or give the processor more heap)", frames,
          chunk.getWidth(), chunk.getHeight(), decodedBytes / 1048576.0, maxDecodedBytes / 1048576.0), null);
    }
    double scale = chunk.getCaptureTimeScale();
    if (!(scale >= 0 && scale <= 1000)) { // 0: a burst, every frame captured at one instant
      throw new ChunkDecodeException("chunk declares a capture time scale of " + scale, null);
    }
    if (chunk.getCaptureTimeMs() < EARLIEST_CAPTURE_MS) {
      throw new ChunkDecodeException("capture time " + java.time.Instant.ofEpochMilli(chunk.getCaptureTimeMs())
          + " is not a wall-clock time (a replay that kept the media time?)", null);
    }
    checkFrameTimes(chunk);
    return geometry;
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
