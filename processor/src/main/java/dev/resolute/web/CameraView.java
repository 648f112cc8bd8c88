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
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One camera as the viewer shows it: its latest picture (a decoded frame and the mask made from
 * it, kept as published so that the page colours the class indices) and its recent cost records.
 * Written by the topic tail's thread, read by the HTTP threads.
 */
final class CameraView {
  /** Cost records the sparklines span: at 10 fps about 30 s. */
  static final int HISTORY = 300;
  /** A mask's values are 8-bit: more names than that are never coloured, and a forged list must not fill every event. */
  static final int MAX_CLASS_NAMES = 256;
  static final int MAX_CLASS_NAME_LENGTH = 64;
  /**
   * A new picture at most once a second per camera: each costs a chunk's decode, and the viewer must
   * not take a processor's share of the CPU on a host with many cameras.
   */
  private static final long MIN_PICTURE_GAP_NANOS = 1_000_000_000L;

  /** One frame's numbers from its cost record. */
  record Sample(long frameIndex, int level, int stride, double lagSeconds, double latencyMs, boolean skipped) {}

  /** A frame (JPEG) and its mask (PNG, grey = class index) of the same frame index; {@code version} grows with each. */
  record Picture(long version, long frameIndex, int width, int height, byte[] frameJpeg, byte[] maskPng, List<String> classNames) {}

  private final String id;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private long skipped;
  private volatile Picture picture;
  private long lastShownNanos;

  CameraView(String id) {
    this.id = id;
  }

  String id() {
    return id;
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
   * Makes {@code mask} the camera's picture, with its frame decoded from {@code chunk}, the chunk
   * it was made from; false when the camera's picture changed less than a second ago.
   */
  boolean show(SegmentationMask mask, VideoChunk chunk, ChunkDecoder decoder) throws ChunkDecodeException {
    long now = System.nanoTime();
    if (picture != null && now - lastShownNanos < MIN_PICTURE_GAP_NANOS) {
      return false;
    }
    // decoded again for each picture, not kept: a chunk of 1080p frames is over 100 MB decoded, per camera
    List<DecodedFrame> decoded = decoder.decode(chunk);
    int index = (int) (mask.getFrameIndex() - chunk.getFirstFrameIndex());
    if (index < 0 || index >= decoded.size()) {
      return false;
    }
    DecodedFrame frame = decoded.get(index);
    lastShownNanos = now;
    long version = picture == null ? 1 : picture.version() + 1;
    picture = new Picture(version, mask.getFrameIndex(), frame.width(), frame.height(), jpeg(frame), bytes(mask.getMask()),
        classNames(mask.getClassNames()));
    return true;
  }

  private static List<String> classNames(List<? extends CharSequence> names) {
    return names.stream().limit(MAX_CLASS_NAMES).map(CharSequence::toString)
        .map(name -> name.length() > MAX_CLASS_NAME_LENGTH ? name.substring(0, MAX_CLASS_NAME_LENGTH) : name).toList();
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
