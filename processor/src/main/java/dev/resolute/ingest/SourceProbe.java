package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;

import dev.resolute.config.Secrets;
import dev.resolute.decode.FfmpegErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What a file holds, read from its packets without decoding: the stream, its real frame timing,
 * how far apart its keyframes are (which decides between stream copy and re-encoding), and the
 * oddities that cost frames or time when ignored: zero-length packets, packets before the first
 * keyframe, B-frames, audio tracks, rotation.
 *
 * @param leadingPictures frames decoded after a keyframe but shown before it (open GOPs): they need
 *     the GOP before, so a chunk that starts on that keyframe cannot decode them
 * @param framePtsMicros source time of every non-empty video packet, in presentation order
 * @param keyframePtsMicros source time of every keyframe, in presentation order
 * @param arrivalClock the source carries no clock of its own (its demuxer makes timestamps up), so
 *     frame times are when the frames arrived: the rates measured are wall-clock rates
 */
public record SourceProbe(String container, StreamInfo stream, long videoPackets, long emptyPackets,
    long packetsBeforeFirstKeyframe, long leadingPictures, boolean reordered, int audioStreams, double maxKeyframeGapSeconds,
    long maxGopBytes, long[] framePtsMicros, long[] keyframePtsMicros, boolean arrivalClock) {

  public static SourceProbe of(Path source) {
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      SourceProbe probe = read(grabber);
      grabber.stop();
      return probe;
    } catch (IngestException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException(source + " is not a readable video: " + FfmpegErrors.describe(e), e);
    }
  }

  /**
   * A live source, sampled for {@code sample} of wall time (its packets' timing is what the
   * camera really sends, so a short sample tells as much as a file's every packet).
   */
  public static SourceProbe ofLive(String url, Map<String, String> options, Duration sample) {
    try (FFmpegFrameGrabber grabber = VideoSources.configureLive(url, options, Duration.ofSeconds(5))) {
      grabber.start();
      if (grabber.getVideoStream() < 0) {
        throw new IngestException(Secrets.redact(url) + " sends no video", null);
      }
      long until = System.nanoTime() + sample.toNanos();
      SourceProbe probe = read(grabber, () -> System.nanoTime() >= until, true);
      grabber.stop();
      return probe;
    } catch (IngestException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException("cannot read " + Secrets.redact(url) + ": " + FfmpegErrors.describe(e), e);
    }
  }

  private static SourceProbe read(FFmpegFrameGrabber grabber) throws Exception {
    return read(grabber, () -> false, false);
  }

  private static SourceProbe read(FFmpegFrameGrabber grabber, BooleanSupplier enough, boolean live) throws Exception {
    AVFormatContext format = grabber.getFormatContext();
    int video = grabber.getVideoStream();
    AVStream stream = format.streams(video);
    StreamInfo info = StreamInfo.of(stream);
    FrameClock timeline = live ? ArrivalClock.forLive(format, stream, info) : new SourceTimeline(stream.time_base(), info.fps());
    LongList frames = new LongList();
    LongList keyframes = new LongList();
    long packets = 0;
    long empty = 0;
    long beforeKeyframe = 0;
    long leading = 0;
    long lastKeyframe = Long.MIN_VALUE;
    boolean reordered = false;
    long latest = Long.MIN_VALUE;
    long maxGopBytes = 0;
    long gopBytes = 0;
    AVPacket packet;
    while (!enough.getAsBoolean() && (packet = grabber.grabPacket()) != null) {
      try {
        if (packet.stream_index() != video) {
          continue;
        }
        packets++;
        if (packet.size() == 0) {
          empty++;
          continue;
        }
        long micros = timeline.micros(packet.pts(), packet.dts());
        reordered |= micros < latest;
        latest = Math.max(latest, micros);
        boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (keyframe) {
          lastKeyframe = micros;
          keyframes.add(micros);
          maxGopBytes = Math.max(maxGopBytes, gopBytes);
          gopBytes = 0;
        } else if (keyframes.size() == 0) {
          beforeKeyframe++;
          continue;
        } else if (micros < lastKeyframe) {
          leading++;
        }
        frames.add(micros);
        gopBytes += packet.size();
      } finally {
        av_packet_unref(packet);
      }
    }
    maxGopBytes = Math.max(maxGopBytes, gopBytes);
    long[] framePts = frames.sorted();
    long[] keyPts = keyframes.sorted();
    return new SourceProbe(format.iformat().name().getString(), info, packets, empty, beforeKeyframe, leading, reordered,
        countAudio(format), maxKeyframeGap(keyPts, framePts), maxGopBytes, framePts, keyPts,
        timeline instanceof ArrivalClock);
  }

  private static double maxKeyframeGap(long[] keyPts, long[] framePts) {
    if (keyPts.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    long gap = framePts[framePts.length - 1] - keyPts[keyPts.length - 1];
    for (int i = 1; i < keyPts.length; i++) {
      gap = Math.max(gap, keyPts[i] - keyPts[i - 1]);
    }
    return gap / 1e6;
  }

  private static int countAudio(AVFormatContext format) {
    int audio = 0;
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        audio++;
      }
    }
    return audio;
  }

  public String codec() {
    return stream.codec();
  }

  public int width() {
    return stream.width();
  }

  public int height() {
    return stream.height();
  }

  /** The container's stated rate; {@link #measuredFps()} is what the frames really do. */
  public double fps() {
    return stream.fps();
  }

  public int frames() {
    return framePtsMicros.length;
  }

  /** From the first frame to the last plus one typical frame. */
  public double durationSeconds() {
    if (framePtsMicros.length == 0) {
      return 0;
    }
    return (framePtsMicros[framePtsMicros.length - 1] - framePtsMicros[0] + medianIntervalMicros()) / 1e6;
  }

  public double measuredFps() {
    double duration = durationSeconds();
    return duration > 0 ? framePtsMicros.length / duration : stream.fps();
  }

  /** Middle of the frame-to-frame intervals, in microseconds; one nominal frame when there is one frame. */
  public long medianIntervalMicros() {
    long[] intervals = intervals();
    if (intervals.length == 0) {
      return Math.round(1e6 / stream.fps());
    }
    long[] sorted = intervals.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public long maxIntervalMicros() {
    return Arrays.stream(intervals()).max().orElse(0);
  }

  public long minIntervalMicros() {
    return Arrays.stream(intervals()).min().orElse(0);
  }

  /** Frames that are not evenly spaced: any interval off the median by more than a quarter. */
  public boolean variableTiming() {
    long median = medianIntervalMicros();
    return Arrays.stream(intervals()).anyMatch(i -> Math.abs(i - median) > median / 4);
  }

  private long[] intervals() {
    long[] intervals = new long[Math.max(0, framePtsMicros.length - 1)];
    for (int i = 1; i < framePtsMicros.length; i++) {
      intervals[i - 1] = framePtsMicros[i] - framePtsMicros[i - 1];
    }
    return intervals;
  }

  /** A growable list of longs, to avoid boxing every packet of a long file. */
  private static final class LongList {
    private long[] values = new long[256];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
