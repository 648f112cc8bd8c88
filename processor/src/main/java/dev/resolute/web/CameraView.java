package dev.resolute.web;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One camera as the viewer shows it: its latest picture (a decoded frame and the mask made from
 * it, kept as published so that the page colours the class indices) and its recent cost records.
 * Written by the topic tail's thread, read by the HTTP threads.
 */
final class CameraView {
  /** Cost records the sparklines span: at 10 fps about 30 s. */
  static final int HISTORY = 300;
  /** Chunks kept for frames still to come: a mask follows its chunk by the processor's lag, a few chunks at most. */
  private static final int CHUNKS_KEPT = 8;

  /** One frame's numbers from its cost record. */
  record Sample(long frameIndex, int level, int stride, double lagSeconds, double latencyMs, boolean skipped) {}

  /** A frame (JPEG) and its mask (PNG, grey = class index) of the same frame index; {@code version} grows with each. */
  record Picture(long version, long frameIndex, int width, int height, byte[] frameJpeg, byte[] maskPng, List<String> classNames) {}

  private final String id;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final Map<Long, VideoChunk> chunks = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, VideoChunk> eldest) {
      return size() > CHUNKS_KEPT;
    }
  };
  private long skipped;
  private volatile Picture picture;
  private long decodedSequence = -1;
  private List<DecodedFrame> decoded = List.of();

  CameraView(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  synchronized void addChunk(VideoChunk chunk) {
    chunks.put(chunk.getSequence(), chunk);
  }

  synchronized void addCost(FrameCost cost) {
    samples.addLast(new Sample(cost.getFrameIndex(), cost.getLevel(), cost.getStride(), cost.getLagMsAtDecision() / 1000.0,
        cost.getEndToEndLatencyMs(), cost.getSkipped()));
    if (cost.getSkipped()) {
      skipped++;
    }
    while (samples.size() > HISTORY) {
      samples.removeFirst();
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized long skipped() {
    return skipped;
  }

  Picture picture() {
    return picture;
  }

  /**
   * Makes {@code mask} the camera's picture, with its frame decoded from the chunk it came from;
   * false when that chunk is not at hand (published before the viewer started).
   */
  boolean show(SegmentationMask mask, ChunkDecoder decoder) throws ChunkDecodeException {
    VideoChunk chunk;
    synchronized (this) {
      chunk = chunks.get(mask.getChunkSequence());
    }
    if (chunk == null) {
      return false;
    }
    if (decodedSequence != chunk.getSequence()) {
      decoded = decoder.decode(chunk); // once per chunk: the chunk's later masks find its frames here
      decodedSequence = chunk.getSequence();
    }
    int index = (int) (mask.getFrameIndex() - chunk.getFirstFrameIndex());
    if (index < 0 || index >= decoded.size()) {
      return false;
    }
    DecodedFrame frame = decoded.get(index);
    long version = picture == null ? 1 : picture.version() + 1;
    picture = new Picture(version, mask.getFrameIndex(), frame.width(), frame.height(), jpeg(frame), bytes(mask.getMask()),
        mask.getClassNames().stream().map(CharSequence::toString).toList());
    return true;
  }

  private static byte[] jpeg(DecodedFrame frame) {
    BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData(); // BGR, row-major, as decoded
    System.arraycopy(frame.bgr(), 0, pixels, 0, pixels.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
