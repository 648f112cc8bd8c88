package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * FFmpeg logs to stderr on its own: stream dumps for every muxer opened (one per chunk) and
 * warnings about damaged input. Errors reach us as exceptions, so only FFmpeg's errors are kept.
 */
public final class FfmpegLog {
  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  private FfmpegLog() {}

  /** Idempotent; call from the static initialiser of any class that opens FFmpeg. */
  public static void errorsOnly() {
    // the static initialiser above did the work, once
  }
}
