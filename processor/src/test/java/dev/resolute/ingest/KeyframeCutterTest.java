package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyframeCutterTest {
  // 5 fps: the encoder still puts a keyframe every 600 frames, 120 s apart, twice the cap
  private static final SyntheticScene SCENE = new SyntheticScene(32, 32, 5);
  @TempDir Path dir;

  @Test
  void shouldCloseAChunkAtTheDurationCapAndDropWhatCannotDecodeWithoutIt() throws Exception {
    // keyframes 120 s apart: a camera whose keyframe interval is longer than any chunk may be
    Path file = dir.resolve("one-keyframe.mkv");
    TestClips.write(file, "matroska", "mpeg4", SCENE, TestClips.evenlySpaced(650, 200_000), SCENE.fps(), 100_000, java.util.Map.of());
    TestClips.Cut cut = TestClips.cut(file, stream -> { });
    List<VideoChunk> chunks = cut.chunks();
    long dropped = cut.droppedAtCap();

    assertThat(chunks).isNotEmpty();
    long framesInChunks = 0;
    for (VideoChunk chunk : chunks) {
      long spanMicros = chunk.getFramePtsMicros().get(chunk.getFrameCount() - 1) - chunk.getFirstPtsMicros();
      assertThat(spanMicros).as("chunk %d", chunk.getSequence()).isLessThanOrEqualTo(KeyframeCutter.MAX_CHUNK_MICROS);
      assertThat(new ChunkDecoder().decode(chunk)).hasSize(chunk.getFrameCount());
      framesInChunks += chunk.getFrameCount();
    }
    assertThat(dropped).as("packets after the cap, up to the next keyframe").isPositive();
    assertThat(framesInChunks + dropped).as("every packet in a chunk or counted as dropped").isEqualTo(650);
  }
}
