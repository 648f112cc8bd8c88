package dev.resolute.ingest;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into a session's {@link KeyframeCutter}: its first packet decides (see
 * {@link TimelineContinuity}) whether the session resumes the camera's published timeline, and
 * then the packets go through a {@link ResumeGate}, or straight to the cutter as new frames.
 */
final class SessionStart implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionStart.class);

  private final String cameraId;
  private final String demuxer;
  private final ResumePoint from;
  private final KeyframeCutter cutter;
  private boolean judged;
  private ResumeGate gate;

  /** @param from where the camera's published video stops, in this stream's clock; null: every frame is new */
  SessionStart(String cameraId, String demuxer, ResumePoint from, KeyframeCutter cutter) {
    this.cameraId = cameraId;
    this.demuxer = demuxer;
    this.from = from;
    this.cutter = cutter;
  }

  /** Takes one packet of the video stream; the caller still owns (and unrefs) it. */
  void accept(AVPacket packet) {
    if (!judged && packet.size() > 0) {
      judged = true;
      judge(ResumeGate.sourcePts(packet));
    }
    if (gate != null) {
      gate.accept(packet);
    } else {
      cutter.accept(packet);
    }
  }

  private void judge(long firstPts) {
    if (from == null) {
      return;
    }
    TimelineContinuity.Verdict verdict = TimelineContinuity.judge(demuxer, from, firstPts);
    double seconds = from.ticksFrom(firstPts) * (double) from.timeBaseNum() / from.timeBaseDen();
    switch (verdict) {
      case RESUMES -> {
        log.info("camera {}: the {} stream starts {} s before the last frame published; resuming after it", cameraId,
            demuxer, String.format("%.2f", -seconds));
        gate = new ResumeGate(from, cutter::accept);
      }
      case CONTINUES_AFTER_GAP -> log.info("camera {}: the {} stream went on {} s past the last frame published while "
          + "away; all its frames are new", cameraId, demuxer, String.format("%.2f", seconds));
      case RESTARTED -> log.info("camera {}: the {} stream's clock restarted ({} s from the last frame published); all "
          + "its frames are new", cameraId, demuxer, String.format("%.2f", seconds));
    }
  }

  /** Frees what the gate still held, and says what it left out. */
  @Override
  public void close() {
    if (gate == null) {
      return;
    }
    gate.close();
    log.info("camera {}: resuming left out {} frames already published and carried {} for decoding only{}", cameraId,
        gate.skippedFrames(), gate.decodeOnlyFrames(), gate.passing() ? "" : "; the session ended before a new frame");
  }
}
