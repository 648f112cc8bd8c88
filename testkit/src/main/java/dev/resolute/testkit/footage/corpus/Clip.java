package dev.resolute.testkit.footage.corpus;

import static dev.resolute.testkit.footage.corpus.Trait.AUDIO;
import static dev.resolute.testkit.footage.corpus.Trait.B_FRAMES;
import static dev.resolute.testkit.footage.corpus.Trait.CORRUPT_MIDDLE;
import static dev.resolute.testkit.footage.corpus.Trait.HIGH_BIT_DEPTH;
import static dev.resolute.testkit.footage.corpus.Trait.INTERLACED_TOP_FIRST;
import static dev.resolute.testkit.footage.corpus.Trait.MOOV_AT_END;
import static dev.resolute.testkit.footage.corpus.Trait.ODD_SIZE;
import static dev.resolute.testkit.footage.corpus.Trait.ROTATED_90;
import static dev.resolute.testkit.footage.corpus.Trait.STARTS_BEFORE_KEYFRAME;
import static dev.resolute.testkit.footage.corpus.Trait.TRUNCATED;
import static dev.resolute.testkit.footage.corpus.Trait.UNTIMED_FRAMES;
import static dev.resolute.testkit.footage.corpus.Trait.VARIABLE_FRAME_RATE;
import static dev.resolute.testkit.footage.corpus.Trait.ZERO_LENGTH_PACKETS;

import java.util.EnumSet;
import java.util.Set;

/**
 * The clips of the corpus and what each claims. {@code format} and {@code codec} are the names
 * FFmpeg's demuxer and decoder report for the file, {@code pixelFormat} the decoder's output.
 */
public enum Clip {
  MPEG2_PS("mpeg2_ps.mpg", "mpeg", "mpeg2video", "yuv420p", 160, 120, Rational.of(25),
      EnumSet.of(B_FRAMES, UNTIMED_FRAMES),
      "DVD-style program stream: MPEG-2 with B-frames in a container without an index; the last frame has no time"),
  MPEG2_TS_INTERLACED("mpeg2_ts_interlaced.ts", "mpegts", "mpeg2video", "yuv420p", 160, 120, new Rational(30000, 1001),
      EnumSet.of(INTERLACED_TOP_FIRST), "broadcast-style interlaced MPEG-2 (field DCT and motion, top field first) at NTSC rate"),
  MPEG2_PS_ODD("mpeg2_ps_719x405.mpg", "mpeg", "mpeg2video", "yuv420p", 719, 405, Rational.of(25), EnumSet.of(ODD_SIZE),
      "odd width and height in MPEG-2, whose macroblocks cover 720x416; also the demo clip"),
  MPEG4_AVI_MP3("mpeg4_mp3.avi", "avi", "mpeg4", "yuv420p", 160, 120, Rational.of(15), EnumSet.of(AUDIO),
      "MPEG-4 Part 2 (DivX/Xvid style) in AVI interleaved with an MP3 sine"),
  MSMPEG4V3_AVI_MP2("msmpeg4v3_mp2.avi", "avi", "msmpeg4v3", "yuv420p", 160, 120, Rational.of(12), EnumSet.of(AUDIO),
      "Microsoft MPEG-4 v3 (DIV3) in AVI interleaved with an MP2 sine"),
  MJPEG_AVI("mjpeg.avi", "avi", "mjpeg", "yuvj420p", 160, 120, Rational.of(10), EnumSet.noneOf(Trait.class),
      "Motion JPEG as IP cameras record it: every frame a keyframe, full-range YUV"),
  H264_BFRAMES_MP4("h264_bframes.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "h264", "yuv420p", 160, 120, new Rational(30000, 1001),
      EnumSet.of(B_FRAMES, MOOV_AT_END), "x264 main profile with B-frames (GStreamer), index at the end of the file"),
  FFV1_422("ffv1_yuv422p.mkv", "matroska,webm", "ffv1", "yuv422p", 160, 120, Rational.of(25), EnumSet.noneOf(Trait.class),
      "lossless 4:2:2"),
  FFV1_444("ffv1_yuv444p.mkv", "matroska,webm", "ffv1", "yuv444p", 160, 120, Rational.of(15), EnumSet.noneOf(Trait.class),
      "lossless 4:4:4"),
  FFV1_10BIT("ffv1_yuv420p10le.mkv", "matroska,webm", "ffv1", "yuv420p10le", 160, 120, Rational.of(24),
      EnumSet.of(HIGH_BIT_DEPTH), "lossless 10-bit 4:2:0"),
  RAWVIDEO_AVI("rawvideo.avi", "avi", "rawvideo", "bgr24", 160, 120, Rational.of(12), EnumSet.noneOf(Trait.class),
      "uncompressed BGR in AVI, stored bottom-up"),
  MPEG4_TINY_ODD("mpeg4_33x17.avi", "avi", "mpeg4", "yuv420p", 33, 17, Rational.of(25), EnumSet.of(ODD_SIZE),
      "a picture smaller than three macroblocks across, odd both ways"),
  VFR_MP4("vfr_gaps.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "h264", "yuv420p", 160, 120, Rational.of(30),
      EnumSet.of(VARIABLE_FRAME_RATE, MOOV_AT_END),
      "H.264 with 33/50/17 ms steps and a one-second gap in a 90 kHz time base"),
  AVI_ZERO_LENGTH("zero_length_packets.avi", "avi", "mpeg4", "yuv420p", 160, 120, Rational.of(25),
      EnumSet.of(ZERO_LENGTH_PACKETS), "AVI with empty chunks where frames were dropped, as capture cards write them"),
  TS_MID_GOP("h264_mid_gop.ts", "mpegts", "h264", "yuv420p", 160, 120, Rational.of(25),
      EnumSet.of(STARTS_BEFORE_KEYFRAME), "H.264 transport stream that starts with P-frames, as a recording joined mid-broadcast"),
  ROTATED_MP4("rotated_90.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "h264", "yuv420p", 160, 120, Rational.of(25),
      EnumSet.of(ROTATED_90),
      "a phone recording held upright: coded landscape, display matrix 90 degrees; index first (faststart)"),
  TRUNCATED_MKV("truncated.mkv", "matroska,webm", "h264", "yuv420p", 160, 120, Rational.of(25), EnumSet.of(TRUNCATED),
      "a recording cut off at 60% of its bytes: no cues, last cluster incomplete"),
  CORRUPT_TS("corrupt_middle.ts", "mpegts", "h264", "yuv420p", 160, 120, Rational.of(25), EnumSet.of(CORRUPT_MIDDLE),
      "transport stream with garbage over part of its middle third, as after a transmission error");

  private final String fileName;
  private final String format;
  private final String codec;
  private final String pixelFormat;
  private final int width;
  private final int height;
  private final Rational frameRate;
  private final Set<Trait> traits;
  private final String exercises;

  Clip(String fileName, String format, String codec, String pixelFormat, int width, int height, Rational frameRate,
      Set<Trait> traits, String exercises) {
    this.fileName = fileName;
    this.format = format;
    this.codec = codec;
    this.pixelFormat = pixelFormat;
    this.width = width;
    this.height = height;
    this.frameRate = frameRate;
    this.traits = Set.copyOf(traits);
    this.exercises = exercises;
  }

  public String fileName() {
    return fileName;
  }

  /** The demuxer's name as FFmpeg reports it ({@code AVInputFormat.name}). */
  public String format() {
    return format;
  }

  /** The video codec's name as FFmpeg reports it. */
  public String codec() {
    return codec;
  }

  public String pixelFormat() {
    return pixelFormat;
  }

  /** The coded width, before any display rotation. */
  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The nominal rate; a variable-rate clip's frames follow {@link CorpusClip#frames()} instead. */
  public Rational frameRate() {
    return frameRate;
  }

  public Set<Trait> traits() {
    return traits;
  }

  public boolean has(Trait trait) {
    return traits.contains(trait);
  }

  public String exercises() {
    return exercises;
  }
}
