package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Stands in front of the {@link KeyframeCutter} in a session that resumes a camera's timeline (see
 * {@link TimelineContinuity}): nothing at or before the last published frame goes out as new.
 *
 * <p>Whole GOPs whose frames all lie at or before it are dropped. The GOP that holds the resume
 * point is passed on again from its keyframe, with its frames already published marked
 * decode-only: the frames after them cannot be decoded without them. Whether a GOP holds a new
 * frame is known only when one arrives (with B-frames, one arrives before frames shown earlier),
 * so a GOP's packets are held, as copies, until a new frame arrives or the next keyframe shows
 * that none will. The first keyframe after the resume point ends the gate's work: every packet
 * from there on passes as new.
 *
 * <p>A frame shown before the resume point that the previous session never published (a B-frame
 * still on its way when the connection dropped) is carried for decoding only too, and so is lost:
 * publishing it now would put it after frames shown later.
 */
final class ResumeGate implements AutoCloseable {
  /** Where packets go, each marked new or decode-only; the sink copies what it keeps. */
  interface Sink {
    void accept(AVPacket packet, boolean decodeOnly);
  }

  private final ResumePoint from;
  private final Sink out;
  private final List<AVPacket> tentative = new ArrayList<>();
  private long tentativeBytes;
  private boolean inGop;
  private boolean gopTaken;
  private boolean passing;
  private long skippedFrames;
  private long decodeOnlyFrames;

  ResumeGate(ResumePoint from, Sink out) {
    this.from = from;
    this.out = out;
  }

  /** Takes one packet of the video stream; the caller still owns (and unrefs) it. */
  void accept(AVPacket packet) {
    if (passing) {
      out.accept(packet, false);
      return;
    }
    if (packet.size() == 0) {
      return; // "repeat the previous frame", behind the resume point: nothing to show again
    }
    long pts = sourcePts(packet);
    boolean isNew = pts != AV_NOPTS_VALUE && from.isAfter(pts);
    if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
      dropTentative();
      inGop = true;
      gopTaken = false;
      if (isNew) {
        passing = true;
        out.accept(packet, false);
        return;
      }
    } else if (!inGop) {
      skippedFrames++; // cannot be decoded without the keyframe before it, which this session never read
      return;
    }
    if (gopTaken) {
      send(packet, !isNew);
    } else if (isNew) {
      gopTaken = true;
      tentative.forEach(held -> send(held, true));
      freeTentative();
      out.accept(packet, false);
    } else {
      hold(packet);
    }
  }

  /** The source's own time of a packet: its presentation time, else its decode time. */
  static long sourcePts(AVPacket packet) {
    return packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
  }

  /** Whether the resume point is behind: every packet now passes as new. */
  boolean passing() {
    return passing;
  }

  /** Frames left out because they lay at or before the resume point, and their GOP held no new frame. */
  long skippedFrames() {
    return skippedFrames;
  }

  /** Frames passed on for decoding only. */
  long decodeOnlyFrames() {
    return decodeOnlyFrames;
  }

  private void send(AVPacket packet, boolean decodeOnly) {
    if (decodeOnly) {
      decodeOnlyFrames++;
    }
    out.accept(packet, decodeOnly);
  }

  private void hold(AVPacket packet) {
    if (tentativeBytes + packet.size() > KeyframeCutter.MAX_CHUNK_BYTES) {
      // the cutter would close its chunk here and drop the rest of the GOP: so does the gate
      dropTentative();
      inGop = false;
      skippedFrames++;
      return;
    }
    tentativeBytes += packet.size();
    AVPacket copy = av_packet_clone(packet);
    if (copy == null) {
      throw new IngestException("out of memory holding a packet behind the resume point", null);
    }
    tentative.add(copy);
  }

  private void dropTentative() {
    skippedFrames += tentative.size();
    freeTentative();
  }

  private void freeTentative() {
    tentative.forEach(packet -> av_packet_free(packet));
    tentative.clear();
    tentativeBytes = 0;
  }

  /** Frees the packets of a GOP still undecided when the session ends: it held nothing new. */
  @Override
  public void close() {
    dropTentative();
  }
}
