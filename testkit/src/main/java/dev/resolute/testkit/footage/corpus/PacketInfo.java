package dev.resolute.testkit.footage.corpus;

/**
 * A video packet in decode order as {@code av_read_frame} returned it. Timestamps are in
 * microseconds, or {@link #NO_TIMESTAMP}; {@code pos} is its byte offset in the file, or -1.
 * {@code corrupt} is the demuxer's own flag, set for instance on an MPEG-TS packet that lost pieces.
 */
public record PacketInfo(long ptsMicros, long dtsMicros, int size, boolean key, boolean corrupt, long pos) {
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;
}
