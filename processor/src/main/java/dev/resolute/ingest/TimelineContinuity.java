package dev.resolute.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * Whether a new session of a camera continues the timeline the camera was published on, judged by
 * the first packet it reads. Only sources whose timestamps outlive a connection can continue: an
 * MPEG-TS stream (over HTTP or UDP) carries the encoder's clock, and FFmpeg's HLS demuxer passes the
 * segments' MPEG-TS times through. RTSP (RTP times restart with each session), devices and
 * everything else start a new timeline every time, and all their frames are new, as they always were.
 */
final class TimelineContinuity {
  /**
   * How far behind the last published frame a continuing stream may start, per demuxer. HLS: FFmpeg
   * starts a live playlist three segments before its end, so a reconnect reads up to three segments
   * it has already read; two minutes covers segments of 40 s, four times the longest targets servers
   * use. MPEG-TS: a server or relay starts a new client at the keyframe it cached, or a few seconds
   * back in its buffer; ten seconds covers a GOP of 10 s. The bounds are no larger because an
   * encoder that restarts its clock from a fixed origin for each connection (an IPTV gateway that
   * starts an encoder per client) looks like a stream behind by as much as its last session lasted:
   * such a camera is taken for continuing, and loses what it sends up to the old point, only when
   * its previous session was shorter than the bound.
   */
  static final Map<String, Duration> MAX_BEHIND = Map.of("hls", Duration.ofMinutes(2), "mpegts", Duration.ofSeconds(10));
  /**
   * How far ahead a continuing stream may start: the outage itself, the reconnect backoff (up to
   * 30 s) and the network timeout (seconds) with a wide margin. Farther ahead is a clock that
   * restarted; either way every frame of the session is new, so this only names what happened.
   */
  static final Duration MAX_AHEAD = Duration.ofMinutes(10);

  /** What the first packet of a session says. */
  enum Verdict {
    /** Behind the last published frame, within reach: frames up to it are skipped or carried for decoding only. */
    RESUMES,
    /** At or ahead of it, within reach: the stream went on while the camera was away; all new. */
    CONTINUES_AFTER_GAP,
    /** Anywhere else: the source's clock restarted; all new. */
    RESTARTED
  }

  private TimelineContinuity() {}

  /** Whether sessions of this demuxer ({@code AVInputFormat} name) can continue one another's timeline. */
  static boolean continuesAcrossSessions(String demuxer) {
    return MAX_BEHIND.containsKey(demuxer);
  }

  static Verdict judge(String demuxer, ResumePoint last, long firstPts) {
    Duration behind = MAX_BEHIND.get(demuxer);
    if (behind == null || last == null) {
      return Verdict.RESTARTED;
    }
    long ticks = last.ticksFrom(firstPts);
    if (ticks <= 0 && -ticks <= last.ticks(behind)) {
      return Verdict.RESUMES;
    }
    return ticks > 0 && ticks <= last.ticks(MAX_AHEAD) ? Verdict.CONTINUES_AFTER_GAP : Verdict.RESTARTED;
  }
}
