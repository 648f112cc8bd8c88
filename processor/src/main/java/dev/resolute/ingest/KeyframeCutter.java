package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a source's packets become keyframe-aligned chunks, for files and live
 * cameras alike: a chunk opens on a keyframe and closes at the first keyframe at or after
 * {@code target} of source time, so it decodes on its own and spans about {@code target} of the
 * source whatever the frame rate. Zero-length packets ("repeat the previous frame") and packets
 * before the first keyframe carry no picture that decodes alone, and are left out.
 *
 * <p>Packets are held (by reference, not copied) until their chunk closes, so that the chunk is
 * muxed knowing all of them: see {@link ChunkMuxer}.
 *
 * <p>A packet may come marked decode-only (see {@link ResumeGate}): its frame was published in an
 * earlier chunk and rides along so that the frames after it decode. Such frames lie before every
 * new frame of their chunk in presentation order, and the chunk says how many there are; a chunk
 * that would hold nothing else is not emitted.
 */
final class KeyframeCutter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyframeCutter.class);
  private static final AVRational MICROSECONDS = av_make_q(1, 1_000_000);
  /**
   * The most a chunk may hold: below the 64 MiB the topics take, with room for the record and for
   * its dead letter. A camera whose GOP outgrows it (a keyframe interval of minutes, or none) gets
   * its chunk closed at the cap, and the packets up to its next keyframe are dropped and counted:
   * they cannot be decoded without the chunk that was closed.
   */
  static final long MAX_CHUNK_BYTES = 48L << 20;
  /**
   * The longest a chunk may span, for the same reason and with the same outcome at the cap: a
   * chunk's masks come out only after its last frame, so a camera with no keyframe for a minute
   * would hold its masks back for that minute.
   */
  static final long MAX_CHUNK_MICROS = dev.resolute.schemas.time.ChunkTimeline.MAX_SPAN_MICROS;

  private final AVStream stream;
  private final String codec;
  private final long targetMicros;
  private final Consumer<Payload> out;
  private final FrameClock timeline;
  private final List<AVPacket> held = new ArrayList<>();
  private final long limitMicros;
  private long firstMicros = Long.MIN_VALUE;
  private long chunkStartMicros;
  private long emptyPackets;
  private long packetsBeforeFirstKeyframe;
  private long leadingPictures;
  private long heldBytes;
  private long droppedAtCap;
  private boolean firstChunkEmitted;
  private int heldDecodeOnly;
  private long heldLastSourcePts = Long.MIN_VALUE;
  private long decodeOnlyDropped;

  /** @param limitSeconds how much of the source to take, from its first packet; infinite for all */
  KeyframeCutter(AVStream stream, StreamInfo info, double targetSeconds, double limitSeconds, Consumer<Payload> out) {
    this(stream, info, targetSeconds, limitSeconds, new SourceTimeline(stream.time_base(), info.fps()), out);
  }

  /** @param clock where each packet's time comes from: the source's timestamps, or its arrival */
  KeyframeCutter(AVStream stream, StreamInfo info, double targetSeconds, double limitSeconds, FrameClock clock,
      Consumer<Payload> out) {
    this.stream = stream;
    this.limitMicros = Double.isInfinite(limitSeconds) ? Long.MAX_VALUE : Math.round(limitSeconds * 1e6);
    this.codec = info.codec();
    this.targetMicros = Math.round(targetSeconds * 1e6);
    this.out = out;
    this.timeline = clock;
  }

  /**
   * Takes one packet of the video stream; the caller still owns (and unrefs) it.
   *
   * @return false once the packet lies beyond the limit: the caller stops reading
   */
  boolean accept(AVPacket packet) {
    return accept(packet, false);
  }

  /** As {@link #accept(AVPacket)}, for a packet whose frame was published before and only helps decode the next. */
  boolean accept(AVPacket packet, boolean decodeOnly) {
    if (packet.size() == 0) {
      emptyPackets++;
      return true;
    }
    long micros = timeline.micros(packet.pts(), packet.dts());
    if (firstMicros == Long.MIN_VALUE) {
      firstMicros = micros;
    }
    if (micros - firstMicros >= limitMicros) {
      return false;
    }
    boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    if (keyframe && (held.isEmpty() || micros - chunkStartMicros >= targetMicros)) {
      finish();
      chunkStartMicros = micros;
    }
    if (!keyframe && !held.isEmpty()
        && (heldBytes + packet.size() > MAX_CHUNK_BYTES || micros - chunkStartMicros > MAX_CHUNK_MICROS)) {
      log.warn("a chunk reached {} MiB or {} s without a keyframe to cut at: closing it; packets up to the next keyframe "
          + "are dropped (give the camera a shorter keyframe interval)", MAX_CHUNK_BYTES >> 20, MAX_CHUNK_MICROS / 1_000_000);
      finish();
    }
    if (held.isEmpty() && !keyframe) {
      if (firstChunkEmitted) {
        droppedAtCap++;
      } else {
        packetsBeforeFirstKeyframe++;
      }
      return true;
    }
    if (!keyframe && micros < chunkStartMicros) {
      // a leading picture of an open GOP: shown before the chunk's keyframe, it needs the GOP
      // before it, which is in another chunk; a decoder starting here skips it, so the chunk must not count it
      leadingPictures++;
      return true;
    }
    AVPacket copy = av_packet_clone(packet);
    if (copy == null) {
      throw new IngestException("out of memory holding a packet of a chunk", null);
    }
    copy.pts(micros);
    copy.dts(micros);
    copy.duration(Math.round(packet.duration() * 1e6 * stream.time_base().num() / stream.time_base().den()));
    held.add(copy);
    heldBytes += packet.size();
    if (decodeOnly) {
      heldDecodeOnly++;
    } else {
      long source = ResumeGate.sourcePts(packet);
      heldLastSourcePts = heldLastSourcePts == Long.MIN_VALUE ? source : Math.max(heldLastSourcePts, source);
    }
    return true;
  }

  /**
   * Cuts a whole source: every packet of this cutter's stream until the source or the limit ends,
   * then the last chunk. Live cameras feed {@link #accept} themselves, between their own checks.
   */
  void cutAll(FFmpegFrameGrabber grabber) throws FFmpegFrameGrabber.Exception {
    AVPacket packet;
    boolean more = true;
    while (more && (packet = grabber.grabPacket()) != null) {
      try {
        more = packet.stream_index() != stream.index() || accept(packet);
      } finally {
        av_packet_unref(packet);
      }
    }
    finish();
  }

  /** Emits the open chunk, if any. */
  void finish() {
    if (held.isEmpty()) {
      return;
    }
    if (heldDecodeOnly == held.size()) {
      // closed at a cap before its first new frame: it would publish nothing
      decodeOnlyDropped += held.size();
      release();
      return;
    }
    try {
      long[] pts = new long[held.size()];
      for (int i = 0; i < pts.length; i++) {
        pts[i] = held.get(i).pts();
      }
      byte[] bytes = ChunkMuxer.mux(stream.codecpar(), MICROSECONDS, held);
      Arrays.sort(pts);
      firstChunkEmitted = true;
      out.accept(new Payload(bytes, codec, pts, 0, 0, firstMicros, timeline.discontinuities(), heldDecodeOnly,
          heldLastSourcePts));
    } finally {
      release();
    }
  }

  long emptyPackets() {
    return emptyPackets;
  }

  long packetsBeforeFirstKeyframe() {
    return packetsBeforeFirstKeyframe;
  }

  long leadingPictures() {
    return leadingPictures;
  }

  /** Packets dropped after a chunk was closed at a cap ({@link #MAX_CHUNK_BYTES}, {@link #MAX_CHUNK_MICROS}), up to the next keyframe. */
  long droppedAtCap() {
    return droppedAtCap;
  }

  /** Decode-only packets of chunks closed at a cap before any new frame, and so never emitted. */
  long decodeOnlyDropped() {
    return decodeOnlyDropped;
  }

  int discontinuities() {
    return timeline.discontinuities();
  }

  /** Drops a chunk that will not be emitted, freeing its packets. */
  @Override
  public void close() {
    release();
  }

  private void release() {
    held.forEach(packet -> av_packet_free(packet));
    held.clear();
    heldBytes = 0;
    heldDecodeOnly = 0;
    heldLastSourcePts = Long.MIN_VALUE;
  }
}
