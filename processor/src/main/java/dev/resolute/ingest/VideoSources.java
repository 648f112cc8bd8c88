package dev.resolute.ingest;

import dev.resolute.decode.FfmpegErrors;
import dev.resolute.decode.FfmpegLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Opens files as FFmpeg sources with a clear error for anything that is not a video. */
public final class VideoSources {
  static {
    FfmpegLog.errorsOnly();
  }

  private VideoSources() {}

  /** A started grabber positioned at the first packet; the caller closes it. */
  public static FFmpegFrameGrabber open(Path source) {
    if (!Files.isRegularFile(source)) {
      throw new IngestException("source " + source + " does not exist or is not a file", null);
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
    try {
      grabber.start();
    } catch (Exception e) {
      closeQuietly(grabber);
      throw new IngestException("source " + source + " is not a readable video: " + FfmpegErrors.describe(e), e);
    }
    if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
      closeQuietly(grabber);
      throw new IngestException("source " + source + " has no video stream", null);
    }
    return grabber;
  }

  /**
   * A grabber for a live source, not started: every network read has a timeout, so a dead camera
   * ends its session instead of hanging its thread, and probing reads ahead only briefly.
   *
   * @param options FFmpeg options; {@code format} picks the demuxer (e.g. video4linux2)
   */
  public static FFmpegFrameGrabber configureLive(String url, Map<String, String> options, Duration timeout) {
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
    String micros = String.valueOf(timeout.toNanos() / 1000);
    grabber.setOption("timeout", micros);    // rtsp: socket I/O; others: connect
    grabber.setOption("rw_timeout", micros); // http, tcp and the rest: any read or write
    // probing reads ahead (5 s by default) before the first packet is ours: keep that short
    grabber.setOption("analyzeduration", "1000000");
    options.forEach((key, value) -> {
      if (key.equals("format")) {
        grabber.setFormat(value);
      } else {
        grabber.setOption(key, value);
      }
    });
    return grabber;
  }

  static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (Exception ignored) {
      // the open already failed; that error is the one worth reporting
    }
  }
}
