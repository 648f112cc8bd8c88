package dev.resolute.ingest;

import dev.resolute.decode.FfmpegErrors;
import dev.resolute.decode.FfmpegLog;

import java.nio.file.Files;
import java.nio.file.Path;
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

  static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (Exception ignored) {
      // the open already failed; that error is the one worth reporting
    }
  }
}
