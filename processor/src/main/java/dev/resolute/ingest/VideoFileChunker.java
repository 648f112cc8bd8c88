package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.resolute.decode.FfmpegErrors;
import dev.resolute.schemas.VideoChunk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a video file into keyframe-aligned chunks that each decode on their own.
 *
 * <p>{@link IngestPlan} decides between stream copy and re-encoding. Either way every frame keeps
 * its source time, and a chunk spans about the policy's target of source time.
 */
public final class VideoFileChunker {
  private static final Logger log = LoggerFactory.getLogger(VideoFileChunker.class);

  private final ChunkingPolicy policy;
  private final Clock clock;

  public VideoFileChunker(ChunkingPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** How a source is cut; a refused one (a live camera in a codec that is not copied) is not. */
  public enum Mode { STREAM_COPY, TRANSCODE_H264, REFUSED }

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
    IngestPlan plan = IngestPlan.of(probe, policy);
    double limitSeconds = limit == null ? Double.POSITIVE_INFINITY : limit.toMillis() / 1000.0;
    Emitter emitter = new Emitter(cameraId, probe.stream(), sink);
    if (plan.mode() == Mode.STREAM_COPY) {
      try {
        streamCopy(source, limitSeconds, emitter);
        return new Result(Mode.STREAM_COPY, emitter.stamper.chunks(), emitter.stamper.frames(), probe);
      } catch (MuxRefusedException e) {
        if (emitter.stamper.chunks() > 0) {
          throw new IngestException("stream copy of " + source + " failed after " + emitter.stamper.chunks() + " chunks: " + FfmpegErrors.describe(e), e);
        }
        log.warn("Matroska refused the packets of {} ({}); re-encoding to H.264 instead", source, e.getMessage());
      }
    } else {
      log.info("{}: re-encoding to H.264 in chunks of {} s: {}", source, targetSeconds(), plan.reason());
    }
    transcode(source, limitSeconds, emitter);
    return new Result(Mode.TRANSCODE_H264, emitter.stamper.chunks(), emitter.stamper.frames(), probe);
  }

  private void streamCopy(Path source, double limitSeconds, Emitter emitter) {
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
      try (KeyframeCutter cutter = new KeyframeCutter(stream, emitter.stream, targetSeconds(), limitSeconds, emitter::emit)) {
        cutter.cutAll(grabber);
      }
      grabber.stop();
    } catch (IngestException | MuxRefusedException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException("cannot read " + source + ": " + FfmpegErrors.describe(e), e);
    }
  }

  /**
   * Decodes every frame and re-encodes it, a new chunk (opening on a keyframe) once the open one
   * spans the target of source time. Each frame keeps its own source time, so variable frame
   * timing, gaps and repeated frames stay as the source had them.
   */
  private void transcode(Path source, double limitSeconds, Emitter emitter) {
    long targetMicros = Math.round(targetSeconds() * 1e6);
    long limitMicros = Double.isInfinite(limitSeconds) ? Long.MAX_VALUE : Math.round(limitSeconds * 1e6);
    TranscodedChunk current = null;
    try (FFmpegFrameGrabber grabber = VideoSources.open(source)) {
      AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
      SourceTimeline timeline = new SourceTimeline(stream.time_base(), emitter.stream.fps());
      long firstMicros = Long.MIN_VALUE;
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        long micros = timeline.micros(bestEffortTimestamp(frame), AV_NOPTS_VALUE);
        if (firstMicros == Long.MIN_VALUE) {
          firstMicros = micros;
        }
        if (micros - firstMicros >= limitMicros) {
          break;
        }
        if (current != null && micros - current.firstPtsMicros() >= targetMicros) {
          TranscodedChunk full = current;
          current = null;
          emitter.emit(full.finish(firstMicros, timeline.discontinuities()));
        }
        if (current == null) {
          current = new TranscodedChunk(emitter.stream);
        }
        current.add(frame, micros);
      }
      if (current != null) {
        TranscodedChunk last = current;
        current = null;
        emitter.emit(last.finish(firstMicros, timeline.discontinuities()));
      }
      grabber.stop();
    } catch (IngestException e) {
      throw e;
    } catch (Exception e) {
      throw new IngestException("cannot re-encode " + source + ": " + FfmpegErrors.describe(e), e);
    } finally {
      if (current != null) {
        current.abandon();
      }
    }
  }

  /**
   * The decoded picture's own timestamp in the stream's time base. JavaCV's {@code getTimestamp()}
   * turns a missing one (MPEG-PS packs leave small frames untimed) into an overflowed product that
   * looks like a real time; the frame itself says AV_NOPTS_VALUE, which the timeline fills in.
   */
  private static long bestEffortTimestamp(Frame frame) {
    return frame.opaque instanceof AVFrame decoded ? decoded.best_effort_timestamp() : AV_NOPTS_VALUE;
  }

  private double targetSeconds() {
    return policy.target().toMillis() / 1000.0;
  }

  /** Stamps each chunk of the file with this camera's numbering and a file's capture clock. */
  private final class Emitter {
    final ChunkStamper stamper;
    final StreamInfo stream;
    final CaptureClock capture = CaptureClock.fileRead(clock);

    Emitter(String cameraId, StreamInfo stream, Consumer<VideoChunk> sink) {
      this.stamper = new ChunkStamper(cameraId, sink);
      this.stream = stream;
    }

    void emit(Payload payload) {
      stamper.emit(payload, stream, capture);
    }
  }
}
