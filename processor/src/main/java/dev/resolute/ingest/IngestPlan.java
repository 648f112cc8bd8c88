package dev.resolute.ingest;

import java.util.Set;

/**
 * How ingest will cut a probed file, and why: stream copy when the codec travels in Matroska and
 * the keyframes are close and small enough; otherwise re-encoding to H.264, which costs CPU at
 * ingest but is the only way to get short, self-contained chunks out of a file with a 20-second
 * GOP, and also covers old codecs (MS-MPEG4, MPEG-2) that decoders cannot start mid-stream from a
 * Matroska chunk.
 */
public record IngestPlan(VideoFileChunker.Mode mode, String reason, long expectedChunks) {
  /** Codecs that Matroska carries as they are and that decoders handle from a keyframe. */
  static final Set<String> COPYABLE = Set.of("h264", "hevc", "ffv1", "vp8", "vp9", "av1", "mjpeg");

  public static IngestPlan of(SourceProbe probe, ChunkingPolicy policy) {
    double maxGap = policy.maxKeyframeGap().toMillis() / 1000.0;
    long targetMicros = policy.target().toMillis() * 1000;
    String why;
    if (!COPYABLE.contains(probe.codec())) {
      why = probe.codec() + " is not one of the codecs copied as they are " + COPYABLE.stream().sorted().toList();
    } else if (probe.keyframePtsMicros().length == 0) {
      why = "no keyframe in the file";
    } else if (probe.maxKeyframeGapSeconds() > maxGap) {
      why = String.format("keyframes up to %.1f s apart, more than the %.1f s allowed", probe.maxKeyframeGapSeconds(), maxGap);
    } else if (probe.leadingPictures() > 0) {
      why = String.format("open GOPs: %d frames are shown before the keyframe they follow and need the GOP before it, "
          + "which a chunk starting on that keyframe does not have", probe.leadingPictures());
    } else if (probe.maxGopBytes() > policy.maxChunkBytes()) {
      why = String.format("a GOP of %.1f MiB, more than the %.1f MiB allowed", probe.maxGopBytes() / 1048576.0,
          policy.maxChunkBytes() / 1048576.0);
    } else {
      return new IngestPlan(VideoFileChunker.Mode.STREAM_COPY, String.format(
          "%s travels in Matroska and keyframes are at most %.1f s apart", probe.codec(), probe.maxKeyframeGapSeconds()),
          cuts(probe.keyframePtsMicros(), targetMicros));
    }
    return new IngestPlan(VideoFileChunker.Mode.TRANSCODE_H264, why, cuts(probe.framePtsMicros(), targetMicros));
  }

  /**
   * A live source is only ever stream-copied: re-encoding every camera live would cost more CPU
   * than segmenting it. A long GOP gives chunks as long as the GOP.
   */
  public static IngestPlan live(SourceProbe probe, ChunkingPolicy policy) {
    long targetMicros = policy.target().toMillis() * 1000;
    if (!COPYABLE.contains(probe.codec())) {
      return new IngestPlan(VideoFileChunker.Mode.REFUSED, "live ingest stream-copies only "
          + COPYABLE.stream().sorted().toList() + "; this camera sends " + probe.codec(), 0);
    }
    String gop = probe.keyframePtsMicros().length < 2 ? "one keyframe or none seen in the sample"
        : String.format("keyframes up to %.1f s apart", probe.maxKeyframeGapSeconds());
    String leading = probe.leadingPictures() == 0 ? "" : String.format("; open GOPs: %d frames of the sample shown "
        + "before their keyframe will be left out, as they need the chunk before", probe.leadingPictures());
    return new IngestPlan(VideoFileChunker.Mode.STREAM_COPY, probe.codec() + " travels in Matroska; " + gop + leading,
        cuts(probe.keyframePtsMicros(), targetMicros));
  }

  /** Chunks the cut rule makes when every one of {@code cutPoints} may open a chunk. */
  static long cuts(long[] cutPoints, long targetMicros) {
    long chunks = 0;
    long start = Long.MIN_VALUE;
    for (long t : cutPoints) {
      if (chunks == 0 || t - start >= targetMicros) {
        chunks++;
        start = t;
      }
    }
    return chunks;
  }
}
