package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileChunkerTest {
  private static final SyntheticScene SCENE = new SyntheticScene(96, 64, 10);
  @TempDir Path dir;

  private final VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());

  @Test
  void shouldStreamCopyLosslessFootageIntoOneSecondChunksThatDecodeToTheExactPixels() throws Exception {
    Path file = dir.resolve("lossless.mkv");
    FootageWriter.write(SCENE, 35, FootageWriter.Codec.FFV1, file);

    List<VideoChunk> chunks = new ArrayList<>();
    VideoFileChunker.Result result = chunker.chunk(file, "cam", null, chunks::add);

    assertThat(result.mode()).isEqualTo(VideoFileChunker.Mode.STREAM_COPY);
    assertThat(chunks).extracting(VideoChunk::getFrameCount).containsExactly(10, 10, 10, 5);
    assertThat(chunks).extracting(VideoChunk::getSequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(chunks).extracting(VideoChunk::getFirstFrameIndex).containsExactly(0L, 10L, 20L, 30L);
    ChunkDecoder decoder = new ChunkDecoder();
    for (VideoChunk chunk : chunks) {
      for (DecodedFrame frame : decoder.decode(chunk)) {
        assertThat(frame.bgr()).as("frame %d", frame.frameIndex()).isEqualTo(SCENE.renderBgr(frame.frameIndex()));
      }
    }
  }

  @Test
  void shouldReencodeACodecThatMatroskaDoesNotCopyAndHonourTheDurationLimit() throws Exception {
    Path file = dir.resolve("mpeg4.mkv");
    writeClip(file, "matroska", "mpeg4", SCENE, TestClips.evenlySpaced(30, 100_000));

    List<VideoChunk> chunks = new ArrayList<>();
    VideoFileChunker.Result result = chunker.chunk(file, "cam", Duration.ofSeconds(2), chunks::add);

    assertThat(result.mode()).isEqualTo(VideoFileChunker.Mode.TRANSCODE_H264);
    assertThat(result.frames()).isEqualTo(20);
    assertThat(chunks).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo("h264"));
    ChunkDecoder decoder = new ChunkDecoder();
    long decoded = 0;
    for (VideoChunk chunk : chunks) {
      List<DecodedFrame> frames = decoder.decode(chunk);
      decoded += frames.size();
      // re-encoded chunks restart their own clock; decoded times must stay on the source's timeline
      for (DecodedFrame frame : frames) {
        assertThat(frame.ptsMicros()).isCloseTo(frame.frameIndex() * 100_000L, org.assertj.core.data.Offset.offset(1_000L));
      }
    }
    assertThat(decoded).isEqualTo(20);
  }

  @Test
  void shouldRefuseAFileThatIsNotAVideoWithTheFileNameInTheMessage() throws Exception {
    Path notVideo = Files.writeString(dir.resolve("notes.mp4"), "this is text, not video");

    assertThatThrownBy(() -> chunker.chunk(notVideo, "cam", null, c -> { }))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("notes.mp4")
        .hasMessageContaining("not a readable video");
  }

  @Test
  void shouldRefuseAMissingFile() {
    assertThatThrownBy(() -> chunker.chunk(dir.resolve("nope.mkv"), "cam", null, c -> { }))
        .isInstanceOf(IngestException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldKeepAnOddHeightThroughReencodingByPaddingAndCroppingBack() throws Exception {
    SyntheticScene odd = new SyntheticScene(96, 65, 25);
    Path file = dir.resolve("odd.mpg");
    writeClip(file, "vob", "mpeg2video", odd, TestClips.evenlySpaced(25, 40_000));

    List<VideoChunk> chunks = new ArrayList<>();
    chunker.chunk(file, "cam", null, chunks::add);

    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.getWidth()).isEqualTo(96);
      assertThat(c.getHeight()).isEqualTo(65);
      assertThat(c.getCodedHeight()).as("padded for H.264's 4:2:0").isEqualTo(66);
    });
    List<DecodedFrame> frames = new ArrayList<>();
    for (VideoChunk chunk : chunks) {
      frames.addAll(new ChunkDecoder().decode(chunk));
    }
    assertThat(frames).hasSize(25).allSatisfy(f -> assertThat(f.height()).isEqualTo(65));
    // the last row is the source's last row, not padding: compare it with the scene, allowing for two lossy encodes
    DecodedFrame last = frames.get(frames.size() - 1);
    byte[] truth = odd.renderBgr(last.frameIndex());
    int rowStart = 64 * 96 * 3;
    double diff = 0;
    for (int i = rowStart; i < truth.length; i++) {
      diff += Math.abs((truth[i] & 0xff) - (last.bgr()[i] & 0xff));
    }
    assertThat(diff / (truth.length - rowStart)).isLessThan(24);
  }

  @Test
  void shouldKeepEveryFramesOwnTimeAndCutBySourceTimeWhenTheRateVaries() throws Exception {
    // 10 fps, then 25 fps, a 3 s hole, then 5 fps: what a motion-triggered camera records
    long[] pts = new long[30];
    for (int i = 0; i < 30; i++) {
      pts[i] = i < 10 ? i * 100_000L : i < 20 ? 1_000_000L + (i - 10) * 40_000L : 4_400_000L + (i - 20) * 200_000L;
    }
    for (String encoder : new String[] {"ffv1", "mpeg4"}) {
      Path file = dir.resolve("vfr-" + encoder + ".mkv");
      writeClip(file, "matroska", encoder, SCENE, pts);

      List<VideoChunk> chunks = new ArrayList<>();
      chunker.chunk(file, "cam", null, chunks::add);

      List<Long> decoded = new ArrayList<>();
      for (VideoChunk chunk : chunks) {
        new ChunkDecoder().decode(chunk).forEach(f -> decoded.add(f.ptsMicros()));
        long span = chunk.getFramePtsMicros().get(chunk.getFrameCount() - 1) - chunk.getFirstPtsMicros();
        assertThat(span).as("%s chunk %d spans source time, not a frame count", encoder, chunk.getSequence())
            .isLessThan(1_000_000);
      }
      assertThat(decoded).as(encoder).hasSize(30);
      for (int i = 0; i < 30; i++) {
        // Matroska keeps milliseconds
        assertThat(decoded.get(i)).as("%s frame %d", encoder, i).isCloseTo(pts[i], org.assertj.core.data.Offset.offset(1_000L));
      }
    }
  }

  @Test
  void shouldKeepTimingAcrossAnMpegTsTimestampWrap() throws Exception {
    // PTS is 33 bits of 90 kHz: it wraps after 26.5 hours, so a long-running camera's stream does too
    Path file = dir.resolve("wrap.ts");
    TestClips.write(file, "mpegts", "libopenh264", SCENE, TestClips.evenlySpaced(30, 100_000), SCENE.fps(), 12, java.util.Map.of("output_ts_offset", "95442.8"));
    SourceProbe probe = SourceProbe.of(file);
    assertThat(probe.framePtsMicros()[0]).as("FFmpeg unwrapped a wrap: the stream starts before 0").isNegative();
    assertThat(probe.framePtsMicros()[29]).isPositive();

    List<VideoChunk> chunks = new ArrayList<>();
    chunker.chunk(file, "cam", null, chunks::add);

    List<Long> decoded = new ArrayList<>();
    for (VideoChunk chunk : chunks) {
      new ChunkDecoder().decode(chunk).forEach(f -> decoded.add(f.ptsMicros()));
    }
    assertThat(decoded).hasSize(30);
    for (int i = 1; i < 30; i++) {
      assertThat(decoded.get(i) - decoded.get(i - 1)).as("step %d", i).isCloseTo(100_000L, org.assertj.core.data.Offset.offset(1L));
    }
    assertThat(decoded.get(0)).isEqualTo(probe.framePtsMicros()[0]);
  }

  /** Matroska gets a millisecond time base, so variable frame times stay exact; other containers the scene's rate. */
  private static void writeClip(Path file, String format, String encoder, SyntheticScene scene, long[] ptsMicros) throws Exception {
    boolean variable = format.equals("matroska");
    TestClips.write(file, format, encoder, scene, ptsMicros, variable ? 1000 : scene.fps(), variable ? 100_000 : 12, java.util.Map.of());
  }
}
