package dev.resolute.web;

import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chunks read from {@code video-chunks} that may yet get a mask: nothing here is shown. A chunk
 * becomes a picture only when the processor's mask for it arrives (read_committed), so a chunk the
 * processor dead-letters is dropped unseen. Anyone who can write the chunk topic fills this, so it
 * is bounded three ways: chunks per camera, bytes per camera, and bytes and cameras in all (the
 * least recently fed camera goes first).
 */
final class PendingChunks {
  /** A mask follows its chunk by the processor's lag: a few chunks at most. */
  static final int CHUNKS_PER_CAMERA = 8;
  static final long BYTES_PER_CAMERA = 32L << 20;

  private final long maxBytes;
  private final int maxCameras;
  /** Camera id -> its chunks by sequence; ordered by the last chunk each camera sent, the staler first. */
  private final LinkedHashMap<String, LinkedHashMap<Long, VideoChunk>> cameras = new LinkedHashMap<>();
  private long bytes;

  PendingChunks(long maxBytes, int maxCameras) {
    this.maxBytes = maxBytes;
    this.maxCameras = maxCameras;
  }

  /**
   * Keeps {@code chunk} until its mask comes. The first chunk of a camera's sequence number wins: a
   * later record with the same camera and sequence (a forgery, or a replay) never replaces it.
   */
  synchronized void add(VideoChunk chunk) {
    String camera = chunk.getCameraId().toString();
    LinkedHashMap<Long, VideoChunk> chunks = cameras.remove(camera); // re-inserted last: the freshest camera
    if (chunks == null) {
      chunks = new LinkedHashMap<>();
    }
    cameras.put(camera, chunks);
    if (chunks.containsKey(chunk.getSequence())) {
      return;
    }
    long size = size(chunk);
    if (size > BYTES_PER_CAMERA) {
      return;
    }
    chunks.put(chunk.getSequence(), chunk);
    bytes += size;
    while (chunks.size() > CHUNKS_PER_CAMERA || sum(chunks) > BYTES_PER_CAMERA) {
      dropOldest(chunks);
    }
    while (cameras.size() > maxCameras || bytes > maxBytes) {
      Iterator<Map.Entry<String, LinkedHashMap<Long, VideoChunk>>> stalest = cameras.entrySet().iterator();
      Map.Entry<String, LinkedHashMap<Long, VideoChunk>> entry = stalest.next();
      if (entry.getValue() == chunks && cameras.size() <= maxCameras && chunks.size() > 1) {
        dropOldest(chunks); // the only camera: keep its newest chunk
        continue;
      }
      entry.getValue().values().forEach(c -> bytes -= size(c));
      stalest.remove();
    }
  }

  /**
   * The chunk {@code mask} was made from, if at hand and if it agrees with the mask on what both
   * carry (frame index, frame size, the frame's presentation time); otherwise null. Agreement is
   * what the viewer can check: a forged chunk that copies a real one's headers exactly and was
   * published before it is indistinguishable here (a signed chunk would be needed).
   */
  synchronized VideoChunk match(SegmentationMask mask) {
    LinkedHashMap<Long, VideoChunk> chunks = cameras.get(mask.getCameraId().toString());
    VideoChunk chunk = chunks == null ? null : chunks.get(mask.getChunkSequence());
    if (chunk == null) {
      return null;
    }
    long index = mask.getFrameIndex() - chunk.getFirstFrameIndex();
    if (index < 0 || index >= chunk.getFrameCount() || chunk.getWidth() != mask.getSourceWidth()
        || chunk.getHeight() != mask.getSourceHeight()) {
      return null;
    }
    List<Long> pts = chunk.getFramePtsMicros();
    if (!pts.isEmpty() && (index >= pts.size() || pts.get((int) index) != mask.getPtsMicros())) {
      return null;
    }
    return chunk;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int cameras() {
    return cameras.size();
  }

  synchronized int chunks(String camera) {
    LinkedHashMap<Long, VideoChunk> chunks = cameras.get(camera);
    return chunks == null ? 0 : chunks.size();
  }

  private void dropOldest(LinkedHashMap<Long, VideoChunk> chunks) {
    Iterator<VideoChunk> oldest = chunks.values().iterator();
    bytes -= size(oldest.next());
    oldest.remove();
  }

  private static long sum(Map<Long, VideoChunk> chunks) {
    return chunks.values().stream().mapToLong(PendingChunks::size).sum();
  }

  private static long size(VideoChunk chunk) {
    return chunk.getPayload().remaining();
  }
}
