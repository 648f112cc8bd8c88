package dev.resolute.ingest;

import java.util.Set;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times a live source's frames by when they arrive, for sources that carry no clock of their own:
 * multipart JPEG over HTTP ({@code multipart/x-mixed-replace}, FFmpeg's {@code mpjpeg}), raw
 * elementary streams and piped images. Their demuxers stamp a made-up rate (25 fps unless told
 * otherwise), so a 10 fps camera would run two and a half times too fast: chunks would close after
 * 25 frames, 2.5 s of wall time, and capture times would drift behind the wall clock. Arrival on a
 * monotonic clock is the best time such a frame has; it never runs backwards.
 *
 * <p>Files are never timed this way: a raw file has no arrival, only its nominal rate.
 */
final class ArrivalClock implements FrameClock {
  private static final Logger log = LoggerFactory.getLogger(ArrivalClock.class);
  /** Demuxers whose timestamps are invented from a default or guessed rate, never read from the stream. */
  static final Set<String> CLOCKLESS_DEMUXERS = Set.of("mpjpeg", "mjpeg", "mjpeg_2000", "rawvideo", "h264", "hevc", "vvc",
      "m4v", "mpegvideo", "cavsvideo", "avs2", "avs3", "jpeg_pipe", "png_pipe", "image2pipe");

  private final LongSupplier nanos;
  private final long startNanos;
  private long latestMicros = Long.MIN_VALUE;

  ArrivalClock(LongSupplier nanos) {
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
  }

  static ArrivalClock monotonic() {
    return new ArrivalClock(System::nanoTime);
  }

  /** True when the live source's demuxer makes its timestamps up. */
  static boolean needed(AVFormatContext format) {
    return format.iformat() != null && clockless(format.iformat().name().getString());
  }

  static boolean clockless(String demuxerNames) {
    // FFmpeg names a demuxer by a comma-separated list of the formats it reads ("mov,mp4,m4a,...")
    for (String name : demuxerNames.split(",")) {
      if (CLOCKLESS_DEMUXERS.contains(name.trim())) {
        return true;
      }
    }
    return false;
  }

  /** The clock a live source's frames run on: arrival where its demuxer makes timestamps up, else its own. */
  static FrameClock forLive(AVFormatContext format, AVStream stream, StreamInfo info) {
    return needed(format) ? monotonic() : new SourceTimeline(stream.time_base(), info.fps());
  }

  /** {@link #forLive}, said in the log once per connection: the rate FFmpeg states for such a camera is not its own. */
  static FrameClock forLive(String cameraId, AVFormatContext format, AVStream stream, StreamInfo info) {
    FrameClock clock = forLive(format, stream, info);
    if (clock instanceof ArrivalClock) {
      log.info("camera {}: {} carries no timestamps of its own (the {} fps stated is the demuxer's default): frames are "
          + "timed by their arrival", cameraId, format.iformat().name().getString(), String.format("%.2f", info.fps()));
    }
    return clock;
  }

  /** The source's timestamps are ignored: the frame is as old as the time since this clock started. */
  @Override
  public long micros(long pts, long dts) {
    long micros = (nanos.getAsLong() - startNanos) / 1000;
    // frames read in one burst (the probe's read-ahead) still get distinct, increasing times
    latestMicros = latestMicros == Long.MIN_VALUE ? micros : Math.max(micros, latestMicros + 1);
    return latestMicros;
  }

  @Override
  public int discontinuities() {
    return 0;
  }
}
