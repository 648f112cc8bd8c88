package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.schemas.VideoChunk;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
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
    List<VideoChunk> chunks = new ArrayList<>();
    ChunkStamper stamper = new ChunkStamper("cam", chunks::add);
    long dropped;
    try (FFmpegFrameGrabber grabber = VideoSources.open(file)) {
      AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
      StreamInfo info = StreamInfo.of(stream);
      try (KeyframeCutter cutter = new KeyframeCutter(stream, info, 1.0, Double.POSITIVE_INFINITY,
          payload -> stamper.emit(payload, info, CaptureClock.fileRead(Clock.systemUTC())))) {
        AVPacket packet;
        while ((packet = grabber.grabPacket()) != null) {
          if (packet.stream_index() == stream.index()) {
            cutter.accept(packet);
          }
          av_packet_unref(packet);
        }
        cutter.finish();
        dropped = cutter.droppedAtCap();
      }
    }

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
