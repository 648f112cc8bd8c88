package dev.resolute.testkit.footage.corpus;

import dev.resolute.testkit.footage.SyntheticScene;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes H.264 with B-frames into MP4 through GStreamer's x264enc, because JavaCV's FFmpeg is the
 * LGPL build whose only H.264 encoder, OpenH264, has no B-frames. Frames go in as raw BGR on the
 * pipeline's standard input. Needs Debian's gstreamer1.0-tools, -plugins-good and -plugins-ugly.
 */
final class GstreamerH264Writer {
  static final String LAUNCH = "gst-launch-1.0";

  private GstreamerH264Writer() {}

  /** mp4mux writes the moov box when the stream ends, after the media data, unless faststart is set. */
  static void write(SyntheticScene scene, FrameSchedule schedule, Rational rate, int gop, Path file) throws IOException {
    Path log = Files.createTempFile("gst-h264-", ".log");
    List<String> command = List.of(LAUNCH, "-q",
        "fdsrc", "fd=0", "!",
        "rawvideoparse", "format=bgr", "width=" + scene.width(), "height=" + scene.height(),
        "framerate=" + rate.num() + "/" + rate.den(), "!",
        "videoconvert", "!", "video/x-raw,format=I420", "!",
        // b-adapt off so that x264 cannot decide a slow scene needs no B-frames
        "x264enc", "bframes=2", "b-adapt=false", "key-int-max=" + gop, "bitrate=300", "threads=1", "!",
        "video/x-h264,profile=main", "!",
        "mp4mux", "faststart=false", "!",
        "filesink", "location=" + file);
    Process gst;
    try {
      gst = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException missing) {
      throw new IOException(LAUNCH + " is not installed (Debian: gstreamer1.0-tools gstreamer1.0-plugins-good "
          + "gstreamer1.0-plugins-ugly, which .ci/run installs)", missing);
    }
    try {
      try (OutputStream in = gst.getOutputStream()) {
        for (int i = 0; i < schedule.size(); i++) {
          in.write(scene.renderBgr(schedule.sceneIndices()[i]));
        }
      } catch (IOException brokenPipe) {
        // it stops reading only when it has failed; its exit status and log, below, say why
      }
      if (!gst.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException(LAUNCH + " did not finish writing " + file);
      }
      if (gst.exitValue() != 0) {
        throw new IOException(LAUNCH + " failed (" + gst.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing " + file, e);
    } finally {
      gst.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
