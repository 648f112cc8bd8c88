package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.footage.FootageWriter;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.schemas.VideoChunk;
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
    writeWithEncoder(file, "mpeg4", 30);

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

  private static void writeWithEncoder(Path file, String encoder, int frames) throws Exception {
    try (var recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), SCENE.width(), SCENE.height(), 0);
        var frame = new org.bytedeco.javacv.Frame(SCENE.width(), SCENE.height(), org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
      recorder.setFormat("matroska");
      recorder.setVideoCodecName(encoder);
      recorder.setFrameRate(SCENE.fps());
      recorder.setGopSize(1000);
      recorder.start();
      for (int i = 0; i < frames; i++) {
        var buffer = (java.nio.ByteBuffer) frame.image[0];
        byte[] bgr = SCENE.renderBgr(i);
        for (int y = 0; y < SCENE.height(); y++) {
          buffer.position(y * frame.imageStride);
          buffer.put(bgr, y * SCENE.width() * 3, SCENE.width() * 3);
        }
        buffer.rewind();
        recorder.record(frame, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
  }
}
