package dev.resolute.ingest;

import dev.resolute.decode.FfmpegErrors;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.resolute.schemas.VideoChunk;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a video file into keyframe-aligned chunks that each decode on their own.
 *
 * <p>Stream copy when the codec travels in Matroska and the keyframes are close enough; otherwise
 * re-encode to H.264 with one keyframe per chunk. Re-encoding costs CPU at ingest but is the only
 * way to get short, self-contained chunks out of a file with a 20-second GOP, and it also covers old
 * codecs (MS-MPEG4 in AVI) whose packets the Matroska muxer refuses.
 */
public final class VideoFileChunker {
  private static final Logger log = LoggerFactory.getLogger(VideoFileChunker.class);
  /** Codecs that Matroska carries as they are and that decoders handle from a keyframe. */
  static final Set<String> COPYABLE = Set.of("h264", "hevc", "ffv1", "vp8", "vp9", "av1", "mjpeg");
  static final String CONTAINER = "matroska";

  private final ChunkingPolicy policy;
  private final Clock clock;

  public VideoFileChunker(ChunkingPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** How a file was cut. */
  public enum Mode { STREAM_COPY, TRANSCODE_H264 }

  /** What one ingest produced. */
  public record Result(Mode mode, long chunks, long frames, SourceProbe probe) {}

  /**
   * Reads {@code source} and hands each chunk to {@code sink} in order.
   *
   * @param limit only the first {@code limit} of the source, or {@code null} for all of it
   */
  public Result chunk(Path source, String cameraId, Duration limit, Consumer<VideoChunk> sink) {
    return chunk(source, SourceProbe.of(source), cameraId, limit, sink);
  }

  /** As above, with the source already probed (probing reads every packet of the file). */
  public Result chunk(Path source, SourceProbe probe, String cameraId, Duration limit, Consumer<VideoChunk> sink) {
    boolean copyable = COPYABLE.contains(probe.codec())
        && probe.maxKeyframeGapSeconds() <= policy.maxKeyframeGap().toMillis() / 1000.0
        && probe.maxGopBytes() <= policy.maxChunkBytes();
    double limitSeconds = limit == null ? Double.POSITIVE_INFINITY : limit.toMillis() / 1000.0;
    Emitter emitter = new Emitter(cameraId, probe, sink);
    if (copyable) {
      try {
        streamCopy(source, limitSeconds, emitter);
        return new Result(Mode.STREAM_COPY, emitter.chunks, emitter.frames, probe);
      } catch (MuxRefusedException e) {
        if (emitter.chunks > 0) {
          throw new IngestException("stream copy of " + source + " failed after " + emitter.chunks + " chunks: " + FfmpegErrors.describe(e), e);
        }
        log.warn("Matroska refused the packets of {} ({}); re-encoding to H.264 instead", source, e.getMessage());
      }
    } else {
      log.info("{}: codec {}, keyframes up to {}s apart: re-encoding to H.264 with {}s GOPs",
          source, probe.codec(), String.format("%.1f", probe.maxKeyframeGapSeconds()), policy.target().toSeconds());
    }
    transcode(source, limitSeconds, emitter);
    return new Result(Mode.TRANSCODE_H264, emitter.chunks, emitter.frames, probe);
  }

  private void streamCopy(Path source, double limitSeconds, Emitter emitter) {
    double targetSeconds = policy.target().toMillis() / 1000.0;
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      int video = grabber.getVideoStream();
      AVFormatContext input = grabber.getFormatContext();
      AVRational timeBase = input.streams(video).time_base();
      CopiedChunk current = null;
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        try {
          if (packet.stream_index() != video) {
            continue;
          }
          double seconds = Timestamps.seconds(packet, timeBase);
          if (seconds >= limitSeconds) {
            break;
          }
          boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
          if (keyframe && (current == null || seconds - current.firstSeconds >= targetSeconds - 1e-6)) {
            if (current != null) {
              emitter.emit(current.finish());
            }
            current = new CopiedChunk(input, emitter.probe, seconds);
          }
          if (current != null) { // packets before the first keyframe cannot be decoded alone
            current.add(packet);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (current != null) {
        emitter.emit(current.finish());
      }
      grabber.stop();
    } catch (IngestException | MuxRefusedException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException("cannot read " + source + ": " + FfmpegErrors.describe(e), e);
    }
  }

  private void transcode(Path source, double limitSeconds, Emitter emitter) {
    SourceProbe probe = emitter.probe;
    int framesPerChunk = Math.max(1, (int) Math.round(probe.fps() * policy.target().toMillis() / 1000.0));
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      EncodedChunk current = null;
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        double seconds = grabber.getTimestamp() / 1e6;
        if (seconds >= limitSeconds) {
          break;
        }
        if (current == null || current.frames == framesPerChunk) {
          if (current != null) {
            emitter.emit(current.finish());
          }
          current = new EncodedChunk(probe, framesPerChunk, seconds);
        }
        current.add(frame);
      }
      if (current != null) {
        emitter.emit(current.finish());
      }
      grabber.stop();
    } catch (IngestException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException("cannot re-encode " + source + ": " + FfmpegErrors.describe(e), e);
    }
  }


  /** Numbers chunks and frames per camera and stamps the capture time. */
  private final class Emitter {
    final String cameraId;
    final SourceProbe probe;
    final Consumer<VideoChunk> sink;
    long chunks;
    long frames;

    Emitter(String cameraId, SourceProbe probe, Consumer<VideoChunk> sink) {
      this.cameraId = cameraId;
      this.probe = probe;
      this.sink = sink;
    }

    /**
     * A file has no capture clock: stamp the chunk as if a camera had just recorded it, so its
     * last frame is "captured" now and latency counts from when the frames became available.
     */
    private long captureTimeOfFirstFrame(int frameCount) {
      return clock.millis() - Math.round((frameCount - 1) * 1000 / probe.fps());
    }

    void emit(Payload payload) {
      if (payload.frames() == 0) {
        return;
      }
      sink.accept(VideoChunk.newBuilder()
          .setCameraId(cameraId)
          .setSequence(chunks)
          .setCaptureTimeMs(captureTimeOfFirstFrame(payload.frames()))
          .setFirstPtsMicros(Math.round(payload.firstSeconds() * 1e6))
          .setFirstFrameIndex(frames)
          .setFrameCount(payload.frames())
          .setFps(probe.fps())
          .setWidth(probe.width())
          .setHeight(probe.height())
          .setCodec(payload.codec())
          .setContainer(CONTAINER)
          .setPayload(ByteBuffer.wrap(payload.bytes()))
          .build());
      chunks++;
      frames += payload.frames();
    }
  }


  /** Decoded frames re-encoded to H.264, starting with a keyframe. */
  private static final class EncodedChunk {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final FFmpegFrameRecorder recorder;
    final double firstSeconds;
    int frames;

    EncodedChunk(SourceProbe probe, int framesPerChunk, double firstSeconds) throws Exception {
      this.firstSeconds = firstSeconds;
      recorder = new FFmpegFrameRecorder(bytes, probe.width(), probe.height(), 0);
      recorder.setFormat(CONTAINER);
      recorder.setVideoCodecName("libopenh264");
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(probe.fps());
      recorder.setGopSize(framesPerChunk);
      // about 0.15 bit per pixel: close to what cameras send for scenes of this kind
      recorder.setVideoBitrate((int) Math.max(200_000, probe.width() * probe.height() * probe.fps() * 0.15));
      recorder.start();
    }

    void add(Frame frame) throws Exception {
      recorder.record(frame);
      frames++;
    }

    Payload finish() throws Exception {
      recorder.close();
      return new Payload(bytes.toByteArray(), "h264", firstSeconds, frames);
    }
  }

}
