package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import dev.resolute.decode.FfmpegErrors;
import dev.resolute.decode.FfmpegLog;
import dev.resolute.schemas.VideoChunk;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live camera (RTSP, HTTP, HLS, a device): connects, stream-copies its packets into
 * keyframe-aligned chunks stamped with the wall-clock time of their first packet, and reconnects
 * with exponential backoff and jitter, forever, when the stream drops. Sequence and frame numbers
 * continue across reconnects, so downstream order holds.
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
      options = Map.copyOf(options);
    }
  }

  /**
   * @param target a chunk closes at the first keyframe after this long; a camera with a longer GOP
   *     gets chunks as long as its GOP (stream copy cannot cut between keyframes)
   * @param timeout longest wait for the network before the session counts as dropped
   */
  public record Settings(Duration target, Duration timeout, Duration firstBackoff, Duration maxBackoff) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  private final Spec spec;
  private final Settings settings;
  private final Consumer<VideoChunk> sink;
  private final Clock clock;
  private final CameraHealth health = new CameraHealth();
  private final Random jitter = new Random();
  private volatile boolean stopped;
  private long sequence;
  private long frameIndex;

  public LiveCameraIngest(Spec spec, Settings settings, Consumer<VideoChunk> sink, Clock clock) {
    this.spec = spec;
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
  }

  public CameraHealth health() {
    return health;
  }

  public void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    int failures = 0;
    while (!stopped) {
      try {
        if (session()) {
          failures = 0; // it delivered chunks: the next drop starts the backoff afresh
        }
      } catch (Exception e) {
        log.warn("camera {}: {}", spec.cameraId(), FfmpegErrors.describe(e));
      }
      health.connected(false);
      if (stopped) {
        break;
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

  /** One connection, until the stream ends or fails; true when it delivered at least one chunk. */
  private boolean session() throws Exception {
    long before = sequence;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(spec.url())) {
      String micros = String.valueOf(settings.timeout().toNanos() / 1000);
      grabber.setOption("timeout", micros);    // rtsp: socket I/O; others: connect
      grabber.setOption("rw_timeout", micros); // http, tcp and the rest: any read or write
      // probing reads ahead (5 s by default) before the first packet is ours: keep that short
      grabber.setOption("analyzeduration", "1000000");
      spec.options().forEach((key, value) -> {
        if (key.equals("format")) {
          grabber.setFormat(value); // the demuxer, e.g. video4linux2 for /dev/video0
        } else {
          grabber.setOption(key, value);
        }
      });
      long connectedAtMs = clock.millis();
      grabber.start();
      int video = grabber.getVideoStream();
      if (video < 0) {
        throw new IngestException("camera " + spec.cameraId() + " sends no video", null);
      }
      AVFormatContext input = grabber.getFormatContext();
      AVRational timeBase = input.streams(video).time_base();
      String codec = avcodec_get_name(input.streams(video).codecpar().codec_id()).getString();
      if (!VideoFileChunker.COPYABLE.contains(codec)) {
        throw new IngestException("camera " + spec.cameraId() + " sends " + codec + "; live ingest stream-copies only "
            + VideoFileChunker.COPYABLE, null);
      }
      SourceProbe stream = new SourceProbe(codec, grabber.getImageWidth(), grabber.getImageHeight(),
          grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25, Double.NaN, 0);
      health.connected(true);
      log.info("camera {}: connected, {} {}x{} at {} fps", spec.cameraId(), codec, stream.width(), stream.height(), stream.fps());
      copy(grabber, input, video, timeBase, stream, connectedAtMs);
    }
    return sequence > before;
  }

  /**
   * Capture times follow the stream's own clock from the moment of connecting: packets that the
   * probe read ahead arrive in a burst, and stamping them on arrival would squeeze seconds of video
   * into milliseconds. A capture time is never later than now, which also bounds clock drift.
   */
  private void copy(FFmpegFrameGrabber grabber, AVFormatContext input, int video, AVRational timeBase, SourceProbe stream,
      long connectedAtMs) throws Exception {
    double targetSeconds = settings.target().toMillis() / 1000.0;
    double sessionFirstSeconds = Double.NaN;
    CopiedChunk current = null;
    long currentCaptureMs = 0;
    try {
      AVPacket packet;
      while (!stopped && (packet = grabber.grabPacket()) != null) {
        try {
          if (packet.stream_index() != video) {
            continue;
          }
          health.packet(clock.millis(), packet.size());
          double seconds = Timestamps.seconds(packet, timeBase);
          if (Double.isNaN(sessionFirstSeconds)) {
            sessionFirstSeconds = seconds;
          }
          boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
          if (keyframe && (current == null || seconds - current.firstSeconds >= targetSeconds - 1e-6)) {
            if (current != null) {
              emit(current.finish(), currentCaptureMs, stream);
            }
            current = new CopiedChunk(input, stream, seconds);
            currentCaptureMs = Math.min(clock.millis(), connectedAtMs + Math.round((seconds - sessionFirstSeconds) * 1000));
          }
          if (current != null) { // before the first keyframe nothing decodes on its own
            current.add(packet);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
    } finally {
      if (current != null && current.frames > 0) {
        emit(current.finish(), currentCaptureMs, stream); // it starts on a keyframe: it decodes as it is
      }
    }
  }

  private void emit(Payload payload, long captureMs, SourceProbe stream) {
    if (payload.frames() == 0) {
      return;
    }
    sink.accept(VideoChunk.newBuilder()
        .setCameraId(spec.cameraId())
        .setSequence(sequence++)
        .setCaptureTimeMs(captureMs)
        .setFirstPtsMicros(Math.round(payload.firstSeconds() * 1e6))
        .setFirstFrameIndex(frameIndex)
        .setFrameCount(payload.frames())
        .setFps(stream.fps())
        .setWidth(stream.width())
        .setHeight(stream.height())
        .setCodec(payload.codec())
        .setContainer(VideoFileChunker.CONTAINER)
        .setPayload(ByteBuffer.wrap(payload.bytes()))
        .build());
    frameIndex += payload.frames();
    health.chunk();
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
