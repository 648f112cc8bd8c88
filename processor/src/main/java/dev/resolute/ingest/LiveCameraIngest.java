package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import dev.resolute.config.Secrets;
import dev.resolute.decode.FfmpegErrors;
import dev.resolute.decode.FfmpegLog;
import dev.resolute.schemas.VideoChunk;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live camera (RTSP, HTTP, HLS, a device): connects, stream-copies its packets into
 * keyframe-aligned chunks stamped with the wall-clock time of their first packet, and reconnects
 * with exponential backoff and jitter, forever, when the stream drops. Sequence and frame numbers
 * continue across reconnects, so downstream order holds.
 *
 * <p>A source that ends (an HLS playlist with {@code #EXT-X-ENDLIST}, a file, an HTTP response of
 * known length read to its end: see {@link SourceEnd}) ends the camera: reading it again would
 * publish the same video again as new frames. Only {@link Settings#loop()} reads it again.
 *
 * <p>Each frame is published once. A source whose timeline outlives a connection (HLS, MPEG-TS:
 * see {@link TimelineContinuity}) resumes after the last frame published, as the
 * {@link ResumeGate} in front of the cutter sees to; after an ingest restart the camera's numbering
 * and resume point come from the topic ({@link CameraStart}).
 *
 * <p>Every network read has a timeout (FFmpeg's {@code timeout} and {@code rw_timeout}, in
 * microseconds), so a dead camera ends its session instead of hanging its thread; a read that
 * returns nothing is a disconnect.
 */
public final class LiveCameraIngest implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(LiveCameraIngest.class);

  static {
    FfmpegLog.errorsOnly();
  }

  /** A camera: its id, URL and extra FFmpeg options (e.g. {@code rtsp_transport=udp}). */
  public record Spec(String cameraId, String url, Map<String, String> options) {
    public Spec {
      if (cameraId == null || cameraId.isBlank() || url == null || url.isBlank()) {
        throw new IllegalArgumentException("a camera needs an id and a URL");
      }
      dev.resolute.schemas.CameraIds.require(cameraId); // the processor dead-letters every chunk of a camera without a valid id
      options = Map.copyOf(options);
    }

    /** Without the password, token or passphrase (in the URL or the options): a spec ends up in logs and error messages. */
    @Override
    public String toString() {
      return "camera " + cameraId + " at " + Secrets.redact(url) + " " + Secrets.redact(options);
    }
  }

  /**
   * @param target a chunk closes at the first keyframe after this long; a camera with a longer GOP
   *     gets chunks as long as its GOP (stream copy cannot cut between keyframes)
   * @param timeout longest wait for the network before the session counts as dropped
   */
  public record Settings(Duration target, Duration timeout, Duration firstBackoff, Duration maxBackoff, boolean loop) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(500), Duration.ofSeconds(30));

    /** A source that ends ends the camera. */
    public Settings(Duration target, Duration timeout, Duration firstBackoff, Duration maxBackoff) {
      this(target, timeout, firstBackoff, maxBackoff, false);
    }

    /** {@code loop}: a source that ends is read again from its start, as new frames. */
    public Settings withLoop(boolean loop) {
      return new Settings(target, timeout, firstBackoff, maxBackoff, loop);
    }
  }

  /** How a session finished. */
  private enum End { ENDED, DROPPED }

  private final Spec spec;
  private final Settings settings;
  private final Clock clock;
  private final CameraHealth health = new CameraHealth();
  private final Random jitter = new Random();
  private final ChunkStamper stamper;
  /** Where the published video stops on the source's clock; null when the last session's clock does not continue. */
  private ResumePoint resume;
  private volatile boolean stopped;
  /** Counted down by {@link #stop}: a camera waiting out a 30 s backoff must not hold up a shutdown. */
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  public LiveCameraIngest(Spec spec, Settings settings, Consumer<VideoChunk> sink, Clock clock) {
    this(spec, settings, sink, clock, CameraStart.FRESH);
  }

  /** @param start where the camera's chunks on the topic stop (see {@link LastChunks}) */
  public LiveCameraIngest(Spec spec, Settings settings, Consumer<VideoChunk> sink, Clock clock, CameraStart start) {
    this.spec = spec;
    this.settings = settings;
    this.stamper = new ChunkStamper(spec.cameraId(), sink, start.nextSequence(), start.nextFrameIndex());
    this.resume = start.resume();
    this.clock = clock;
  }

  public CameraHealth health() {
    return health;
  }

  public void stop() {
    stopped = true;
    stopRequested.countDown();
  }

  @Override
  public void run() {
    int failures = 0;
    while (!stopped) {
      End end = End.DROPPED;
      long before = stamper.chunks();
      try {
        end = session();
      } catch (Exception e) {
        log.warn("camera {}: {}", spec.cameraId(), FfmpegErrors.describe(e));
      }
      if (stamper.chunks() > before) {
        failures = 0; // it delivered chunks: the next drop starts the backoff afresh
      }
      health.connected(false);
      if (stopped) {
        break;
      }
      if (end == End.ENDED) {
        if (!settings.loop()) {
          log.info("camera {}: the source ended after {} frames; not reading it again (--loop would)", spec.cameraId(),
              stamper.frames());
          health.ended();
          break;
        }
        log.info("camera {}: the source ended; reading it again from its start (--loop)", spec.cameraId());
        resume = null; // the same timestamps again are the loop asked for, not a reconnect to skip past
      }
      long waitMs = backoffMs(failures++);
      log.info("camera {}: disconnected; reconnecting in {} ms", spec.cameraId(), waitMs);
      health.reconnecting();
      sleep(waitMs);
    }
  }

  long backoffMs(int failures) {
    long base = settings.firstBackoff().toMillis() << Math.min(failures, 16);
    long capped = Math.min(settings.maxBackoff().toMillis(), base);
    return Math.round(capped * (0.5 + jitter.nextDouble() * 0.5)); // jitter: cameras that fell together do not retry together
  }

  /** One connection, until the stream ends or fails (a failure may also throw). */
  private End session() throws Exception {
    try (FFmpegFrameGrabber grabber = VideoSources.configureLive(spec.url(), spec.options(), settings.timeout())) {
      long connectedAtMs = clock.millis();
      grabber.start();
      int video = grabber.getVideoStream();
      if (video < 0) {
        throw new IngestException("camera " + spec.cameraId() + " sends no video", null);
      }
      AVStream stream = grabber.getFormatContext().streams(video);
      StreamInfo info = StreamInfo.of(stream);
      if (!IngestPlan.COPYABLE.contains(info.codec())) {
        throw new IngestException("camera " + spec.cameraId() + " sends " + info.codec() + "; live ingest stream-copies only "
            + IngestPlan.COPYABLE, null);
      }
      health.connected(true);
      log.info("camera {}: connected, {} {}x{} at {} fps", spec.cameraId(), info.codec(), info.width(), info.height(),
          String.format("%.2f", info.fps()));
      int read = copy(grabber, stream, info, CaptureClock.live(clock, connectedAtMs));
      if (read == AVERROR_EOF() && SourceEnd.ended(grabber.getFormatContext(), spec.url(), spec.options(), settings.timeout())) {
        return End.ENDED;
      }
      if (read < 0 && read != AVERROR_EOF()) {
        log.warn("camera {}: read failed: {}", spec.cameraId(), FfmpegErrors.describe(new IngestException("av_read_frame() error " + read, null)));
      }
      return End.DROPPED;
    }
  }

  /**
   * Cuts the packets with the same cutter as files; the chunk open when the stream drops is still
   * emitted: it starts on a keyframe, so it decodes as it is.
   *
   * @return what the last {@code av_read_frame} said (JavaCV's {@code grabPacket} drops it, and
   *     only it tells an end of file from a failed read); 0 when stopped
   */
  private int copy(FFmpegFrameGrabber grabber, AVStream stream, StreamInfo info, CaptureClock capture) throws Exception {
    int video = stream.index();
    FrameClock frameClock = ArrivalClock.forLive(spec.cameraId(), grabber.getFormatContext(), stream, info); // MJPEG over HTTP has no clock of its own
    String demuxer = grabber.getFormatContext().iformat().name().getString();
    boolean continuing = TimelineContinuity.continuesAcrossSessions(demuxer) && !(frameClock instanceof ArrivalClock);
    ResumePoint from = continuing && resume != null && resume.sameClockAs(stream) ? resume : null;
    try (KeyframeCutter cutter = new KeyframeCutter(stream, info, settings.target().toMillis() / 1000.0,
        Double.POSITIVE_INFINITY, frameClock, payload -> emit(payload, info, capture, continuing ? stream : null));
        SessionStart start = new SessionStart(spec.cameraId(), demuxer, from, cutter)) {
      AVPacket packet = av_packet_alloc();
      int read = 0;
      try {
        while (!stopped && (read = av_read_frame(grabber.getFormatContext(), packet)) >= 0) {
          try {
            if (packet.stream_index() == video) {
              health.packet(clock.millis(), packet.size());
              start.accept(packet);
            }
          } finally {
            av_packet_unref(packet);
          }
        }
      } catch (Exception e) {
        finishAfter(cutter, e);
        throw e;
      } finally {
        av_packet_free(packet);
        reportLeftOut(cutter);
      }
      cutter.finish();
      return stopped ? 0 : read;
    }
  }

  /** Frames a session could not put in any chunk, said once per session rather than per packet. */
  private void reportLeftOut(KeyframeCutter cutter) {
    if (cutter.leadingPictures() > 0 || cutter.droppedAtCap() > 0 || cutter.discontinuities() > 0) {
      log.warn("camera {}: this session left out {} leading pictures of open GOPs and {} packets after a chunk reached "
          + "the size cap; its clock jumped back {} times", spec.cameraId(), cutter.leadingPictures(), cutter.droppedAtCap(),
          cutter.discontinuities());
    }
  }

  /** The chunk open when the stream failed still goes out; the stream's failure stays the one reported. */
  private static void finishAfter(KeyframeCutter cutter, Exception failure) {
    try {
      cutter.finish();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** @param clocked the stream whose clock the next session may continue, else null */
  private void emit(Payload payload, StreamInfo info, CaptureClock capture, AVStream clocked) {
    ResumePoint after = clocked == null || payload.lastSourcePts() == Long.MIN_VALUE ? null
        : ResumePoint.of(clocked, payload.lastSourcePts());
    stamper.emit(payload, info, capture, after == null ? null : after.toRecord());
    resume = after;
    health.chunk();
  }

  private void sleep(long ms) {
    try {
      stopRequested.await(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
