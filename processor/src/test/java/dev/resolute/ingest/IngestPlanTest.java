package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestPlanTest {

  @Test
  void shouldCopyClosedGopsAndReencodeOpenOnesWhoseLeadingPicturesAChunkCouldNotDecode() {
    SourceProbe closed = probe("hevc", 0, 1.0);
    SourceProbe open = probe("hevc", 12, 1.0);

    assertThat(IngestPlan.of(closed, ChunkingPolicy.DEFAULT).mode()).isEqualTo(VideoFileChunker.Mode.STREAM_COPY);
    IngestPlan plan = IngestPlan.of(open, ChunkingPolicy.DEFAULT);
    assertThat(plan.mode()).isEqualTo(VideoFileChunker.Mode.TRANSCODE_H264);
    assertThat(plan.reason()).contains("open GOPs").contains("12 frames");
  }

  @Test
  void shouldReencodeLongGopsAndCodecsMatroskaDoesNotCarryAndCountChunksOfSourceTime() {
    assertThat(IngestPlan.of(probe("h264", 0, 25.0), ChunkingPolicy.DEFAULT).reason()).contains("25.0 s apart");
    IngestPlan mpeg2 = IngestPlan.of(probe("mpeg2video", 0, 0.5), ChunkingPolicy.DEFAULT);
    assertThat(mpeg2.mode()).isEqualTo(VideoFileChunker.Mode.TRANSCODE_H264);
    assertThat(mpeg2.expectedChunks()).as("frames 0..2.9 s in 1 s chunks").isEqualTo(3);
  }

  private static SourceProbe probe(String codec, long leading, double keyframeGap) {
    long[] frames = new long[30];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = i * 100_000L;
    }
    long[] keyframes = {0, Math.round(keyframeGap * 1e6)};
    return new SourceProbe("test", new StreamInfo(codec, 64, 48, 10, 0), 30, 0, 0, leading, false, 0, keyframeGap,
        10_000, frames, keyframes, false);
  }
}
