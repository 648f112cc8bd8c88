package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_free;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.SyntheticScene;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkMuxerTest {
  private static final SyntheticScene SCENE = new SyntheticScene(96, 64, 10);
  @TempDir Path dir;

  @Test
  void shouldTakeParameterSetsThatOnlyTravelInBandFromTheChunksFirstKeyframe() throws Exception {
    Path ts = dir.resolve("in-band.ts");
    TestClips.write(ts, "mpegts", "libopenh264", SCENE, TestClips.evenlySpaced(30, 100_000), SCENE.fps(), 10, java.util.Map.of());
    List<VideoChunk> chunks = TestClips.cut(ts, stream -> {
      // what a live MPEG-TS or HLS source can hand over: no parameter sets up front, only in the keyframes
      av_free(stream.codecpar().extradata());
      stream.codecpar().extradata(null);
      stream.codecpar().extradata_size(0);
    }).chunks();

    assertThat(chunks).hasSize(3);
    long frames = 0;
    for (VideoChunk chunk : chunks) {
      assertThat(headerExtradataBytes(chunk)).as("chunk %d's header holds the parameter sets", chunk.getSequence()).isPositive();
      frames += new ChunkDecoder().decode(chunk).size();
    }
    assertThat(frames).isEqualTo(30);
  }

  private static int headerExtradataBytes(VideoChunk chunk) throws Exception {
    ByteBuffer payload = chunk.getPayload().duplicate();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), 0)) {
      grabber.setFormat("matroska");
      grabber.start();
      return grabber.getFormatContext().streams(0).codecpar().extradata_size();
    }
  }
}
