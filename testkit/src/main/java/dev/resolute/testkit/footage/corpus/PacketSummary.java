package dev.resolute.testkit.footage.corpus;

import java.util.List;

/**
 * What FFmpeg's demuxer says about a file's video stream, packet by packet, plus the stream facts
 * a decoder would be opened with. {@code fieldOrder} is FFmpeg's name for it ("progressive", "tt",
 * "bb", "tb", "bt" or "unknown"); {@code displayRotation} is {@code av_display_rotation_get} of the
 * stream's display matrix in degrees (counter-clockwise), or NaN when there is none.
 */
public record PacketSummary(String format, String codec, String pixelFormat, int bitsPerSample, int width, int height,
    Rational averageFrameRate, String fieldOrder, double displayRotation, List<String> audioCodecs,
    List<PacketInfo> video) {

  public PacketSummary {
    audioCodecs = List.copyOf(audioCodecs);
    video = List.copyOf(video);
  }

  public int videoPackets() {
    return video.size();
  }

  public int audioStreams() {
    return audioCodecs.size();
  }

  public long zeroLengthPackets() {
    return video.stream().filter(p -> p.size() == 0).count();
  }

  public long keyframes() {
    return video.stream().filter(PacketInfo::key).count();
  }

  public long corruptPackets() {
    return video.stream().filter(PacketInfo::corrupt).count();
  }

  public boolean startsWithKeyframe() {
    return !video.isEmpty() && video.get(0).key();
  }

  /** Whether some packet presents earlier than one decoded before it: what B-frames do. */
  public boolean reordered() {
    long latest = Long.MIN_VALUE;
    for (PacketInfo p : video) {
      if (p.ptsMicros() == PacketInfo.NO_TIMESTAMP) {
        continue;
      }
      if (p.ptsMicros() < latest) {
        return true;
      }
      latest = p.ptsMicros();
    }
    return false;
  }
}
