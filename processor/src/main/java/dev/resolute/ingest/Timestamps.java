package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

final class Timestamps {
  private Timestamps() {}

  /** Presentation time of a packet in seconds, falling back to its decode time when pts is unset. */
  static double seconds(AVPacket packet, AVRational timeBase) {
    long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
    return ts == AV_NOPTS_VALUE ? 0 : ts * (double) timeBase.num() / timeBase.den();
  }
}
