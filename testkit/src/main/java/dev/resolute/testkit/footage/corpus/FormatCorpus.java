package dev.resolute.testkit.footage.corpus;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.footage.corpus.SineTrack.Audio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the clips of {@link Clip} into a directory. Clips are two to three seconds long and small
 * (160x120 unless size is the point), so the whole corpus writes in seconds.
 *
 * <pre>{@code
 * for (CorpusClip clip : FormatCorpus.writeAll(dir)) {
 *   ReferenceDecode truth = ReferenceDecode.of(clip.path());
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link Clip#H264_BFRAMES_MP4} needs GStreamer's gst-launch-1.0; every other clip only JavaCV.
 */
public final class FormatCorpus {
  private static final Rational NTSC = new Rational(30000, 1001);
  private static final Rational MPEG_TS_CLOCK = new Rational(1, 90_000);

  static {
    av_log_set_level(AV_LOG_ERROR); // the recorder dumps every stream it opens otherwise
  }

  private FormatCorpus() {}

  public static List<CorpusClip> writeAll(Path dir) throws IOException {
    return write(dir, EnumSet.allOf(Clip.class));
  }

  public static List<CorpusClip> write(Path dir, Set<Clip> clips) throws IOException {
    List<CorpusClip> written = new ArrayList<>();
    for (Clip clip : Clip.values()) {
      if (clips.contains(clip)) {
        written.add(write(dir, clip));
      }
    }
    return written;
  }

  public static CorpusClip write(Path dir, Clip clip) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(clip.fileName());
    Files.deleteIfExists(file);
    try {
      return switch (clip) {
        case MPEG2_PS -> recorded(clip, file, 75, RecorderWriter.Spec.of("vob", "mpeg2video", AV_PIX_FMT_YUV420P,
            clip.frameRate()).gop(12));
        case MPEG2_TS_INTERLACED -> direct(clip, file, 90, DirectWriter.Spec.of("mpegts", "mpeg2video", "yuv420p",
            clip.frameRate(), 1_000_000).gop(15).streamTimeBase(MPEG_TS_CLOCK).interlacedTopFirst());
        case MPEG2_PS_ODD -> direct(clip, file, 50, DirectWriter.Spec.of("vob", "mpeg2video", "yuv420p",
            clip.frameRate(), 2_500_000).gop(12).streamTimeBase(MPEG_TS_CLOCK));
        case MPEG4_AVI_MP3 -> direct(clip, file, 45, DirectWriter.Spec.of("avi", "mpeg4", "yuv420p",
            clip.frameRate(), 300_000).audio(new Audio("libmp3lame", AV_SAMPLE_FMT_S16P, 44_100)));
        case MSMPEG4V3_AVI_MP2 -> direct(clip, file, 36, DirectWriter.Spec.of("avi", "msmpeg4", "yuv420p",
            clip.frameRate(), 300_000).audio(new Audio("mp2", AV_SAMPLE_FMT_S16, 44_100)));
        case MJPEG_AVI -> recorded(clip, file, 30, RecorderWriter.Spec.of("avi", "mjpeg", AV_PIX_FMT_YUVJ420P,
            clip.frameRate()));
        case H264_BFRAMES_MP4 -> gstreamer(clip, file, 90);
        case FFV1_422 -> recorded(clip, file, 50, RecorderWriter.Spec.of("matroska", "ffv1", AV_PIX_FMT_YUV422P,
            clip.frameRate()));
        case FFV1_444 -> recorded(clip, file, 30, RecorderWriter.Spec.of("matroska", "ffv1", AV_PIX_FMT_YUV444P,
            clip.frameRate()));
        case FFV1_10BIT -> recorded(clip, file, 48, RecorderWriter.Spec.of("matroska", "ffv1",
            AV_PIX_FMT_YUV420P10LE, clip.frameRate()));
        case RAWVIDEO_AVI -> recorded(clip, file, 24, RecorderWriter.Spec.of("avi", "rawvideo", AV_PIX_FMT_BGR24,
            clip.frameRate()));
        case MPEG4_TINY_ODD -> direct(clip, file, 50, DirectWriter.Spec.of("avi", "mpeg4", "yuv420p",
            clip.frameRate(), 100_000));
        case VFR_MP4 -> variableRate(clip, file);
        case AVI_ZERO_LENGTH -> droppedFrames(clip, file);
        case TS_MID_GOP -> midGop(clip, file);
        case ROTATED_MP4 -> recorded(clip, file, 50, RecorderWriter.Spec.of("mp4", "libopenh264", AV_PIX_FMT_YUV420P,
            clip.frameRate()).rotation(90).muxer("movflags", "+faststart"));
        case TRUNCATED_MKV -> {
          CorpusClip whole = recorded(clip, file, 75, h264(clip, "matroska"));
          yield damaged(whole, FileDamage.truncate(file, 0.6));
        }
        case CORRUPT_TS -> {
          CorpusClip whole = recorded(clip, file, 75, h264(clip, "mpegts"));
          yield damaged(whole, FileDamage.corruptMiddle(file, 0x5EED));
        }
      };
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("could not write " + clip + " to " + file, e);
    }
  }

  private static SyntheticScene scene(Clip clip) {
    return new SyntheticScene(clip.width(), clip.height(), clip.frameRate().value());
  }

  private static RecorderWriter.Spec h264(Clip clip, String format) {
    return RecorderWriter.Spec.of(format, "libopenh264", AV_PIX_FMT_YUV420P, clip.frameRate());
  }

  /** One of the writers, given the scene and the schedule. */
  @FunctionalInterface
  private interface Writer {
    void write(SyntheticScene scene, FrameSchedule schedule, Path file) throws Exception;
  }

  private static CorpusClip recorded(Clip clip, Path file, int frames, RecorderWriter.Spec spec) throws Exception {
    return recorded(clip, file, FrameSchedule.constant(clip.frameRate(), frames), spec);
  }

  private static CorpusClip recorded(Clip clip, Path file, FrameSchedule schedule, RecorderWriter.Spec spec) throws Exception {
    return written(clip, file, schedule, (scene, p, f) -> RecorderWriter.write(scene, p, spec, f));
  }

  private static CorpusClip direct(Clip clip, Path file, int frames, DirectWriter.Spec spec) throws Exception {
    return direct(clip, file, FrameSchedule.constant(clip.frameRate(), frames), spec);
  }

  private static CorpusClip direct(Clip clip, Path file, FrameSchedule schedule, DirectWriter.Spec spec) throws Exception {
    return written(clip, file, schedule, (scene, p, f) -> DirectWriter.write(scene, p, spec, f));
  }

  private static CorpusClip gstreamer(Clip clip, Path file, int frames) throws Exception {
    return written(clip, file, FrameSchedule.constant(clip.frameRate(), frames),
        (scene, p, f) -> GstreamerH264Writer.write(scene, p, clip.frameRate(), 30, f));
  }

  private static CorpusClip written(Clip clip, Path file, FrameSchedule schedule, Writer writer) throws Exception {
    SyntheticScene scene = scene(clip);
    writer.write(scene, schedule, file);
    return new CorpusClip(clip, file, scene, schedule.written(), Optional.empty());
  }

  /** Steps of 33, 50 and 17 ms, then a one-second gap, then the same steps again. */
  private static CorpusClip variableRate(Clip clip, Path file) throws Exception {
    int[] stepsMs = {33, 50, 17};
    long[] ticks = new long[60];
    long ms = 0;
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = ms * 90;
      ms += i == 29 ? 1000 : stepsMs[i % stepsMs.length];
    }
    FrameSchedule schedule = FrameSchedule.at(MPEG_TS_CLOCK, clip.frameRate().value(), ticks);
    return direct(clip, file, schedule, DirectWriter.Spec.of("mp4", "libopenh264", "yuv420p", clip.frameRate(), 400_000)
        .streamTimeBase(MPEG_TS_CLOCK));
  }

  /**
   * Every fourth frame of the first 40 dropped, then ten in a row: AVI has no timestamps, so its
   * muxer fills each missing frame period with an empty chunk.
   */
  private static CorpusClip droppedFrames(Clip clip, Path file) throws Exception {
    List<Long> kept = new ArrayList<>();
    for (long t = 0; t < 75; t++) {
      boolean dropped = (t < 40 && t % 4 == 3) || (t >= 50 && t < 60);
      if (!dropped) {
        kept.add(t);
      }
    }
    FrameSchedule schedule = FrameSchedule.at(clip.frameRate().inverse(), clip.frameRate().value(),
        kept.stream().mapToLong(Long::longValue).toArray());
    return recorded(clip, file, schedule, RecorderWriter.Spec.of("avi", "mpeg4", AV_PIX_FMT_YUV420P, clip.frameRate()));
  }

  /** A three-second stream with a keyframe each second, kept from its eleventh frame on. */
  private static CorpusClip midGop(Clip clip, Path file) throws Exception {
    int first = 10;
    Path whole = file.resolveSibling(file.getFileName() + ".whole.ts");
    try {
      CorpusClip source = recorded(clip, whole, 75, h264(clip, "mpegts"));
      PacketTail.copy(whole, first, "mpegts", file);
      return new CorpusClip(clip, file, source.scene(), source.frames().subList(first, source.frames().size()),
          Optional.empty());
    } finally {
      Files.deleteIfExists(whole);
    }
  }

  private static CorpusClip damaged(CorpusClip whole, ByteRange range) {
    return new CorpusClip(whole.clip(), whole.path(), whole.scene(), whole.frames(), Optional.of(range));
  }
}
