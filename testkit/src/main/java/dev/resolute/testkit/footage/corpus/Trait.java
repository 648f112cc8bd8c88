package dev.resolute.testkit.footage.corpus;

/** A property a clip claims to have; FormatCorpusTest proves each claim with FFmpeg. */
public enum Trait {
  /** Packets in decode order have presentation times out of order. */
  B_FRAMES,
  /**
   * Some frame has no timestamp FFmpeg can recover: an MPEG program stream packs several small
   * frames into one 2 KiB pack, and only the first gets a PTS.
   */
  UNTIMED_FRAMES,
  /** An MP4 whose index (moov) follows the media data, so reading it needs a seekable file. */
  MOOV_AT_END,
  /** Coded as interlaced fields, top field first. */
  INTERLACED_TOP_FIRST,
  AUDIO,
  /** Width or height is odd, which 4:2:0 chroma and 16-pixel macroblocks must round. */
  ODD_SIZE,
  /** More than 8 bits per sample. */
  HIGH_BIT_DEPTH,
  /** AVI "repeat the previous frame" chunks: FFmpeg hides them and shows a timestamp gap instead. */
  ZERO_LENGTH_PACKETS,
  /** Irregular frame durations and a gap of at least a second. */
  VARIABLE_FRAME_RATE,
  /** The first video packet is not a keyframe, as when a recording joins a stream mid-GOP. */
  STARTS_BEFORE_KEYFRAME,
  /** A display matrix asks players to turn the picture 90 degrees. */
  ROTATED_90,
  /** The file ends in the middle of its media data. */
  TRUNCATED,
  /** Bytes in the middle third are garbage; the header is intact. */
  CORRUPT_MIDDLE
}
