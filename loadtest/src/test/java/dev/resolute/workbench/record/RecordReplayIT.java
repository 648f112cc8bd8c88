package dev.resolute.workbench.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.traffic.ChunkPacer;
import dev.resolute.topology.TopicSetup;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record from a real broker, replay into it, compare; and replay timing on the real clock. */
class RecordReplayIT {
  @TempDir Path dir;

  @Test
  void shouldReplayARecordingAtFullSpeedByteForByteInOrderPerCamera() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, 10), 50, FootageWriter.Codec.H264, clip);
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary()) {
      String bootstrap = kafka.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        TopicSetup.ensure(admin, List.of(Topics.CHUNKS.newTopic(3, (short) 1),
            Topics.CHUNKS.named("replayed").newTopic(3, (short) 1)));
      }
      VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
      try (ChunkPublisher publisher = new ChunkPublisher(bootstrap)) {
        for (String camera : List.of("north", "south", "gate")) {
          chunker.chunk(clip, camera, null, publisher::publish);
        }
        publisher.flush();
      }

      Path file = dir.resolve("traffic.avro");
      try (ChunkRecording recording = ChunkRecording.create(file)) {
        TopicReader.read(bootstrap, Topics.VIDEO_CHUNKS, 0, Long.MAX_VALUE, recording::append);
      }
      List<VideoChunk> recorded = ChunkRecording.read(file);
      try (ChunkPublisher publisher = new ChunkPublisher(bootstrap, "replayed")) {
        ChunkPacer.realTime(ChunkPacer.Plan.replay(Double.POSITIVE_INFINITY, 1, false, Duration.ZERO))
            .play(recorded, publisher::publish, progress -> { });
        publisher.flush();
      }
      List<VideoChunk> original = new ArrayList<>();
      TopicReader.read(bootstrap, Topics.VIDEO_CHUNKS, 0, Long.MAX_VALUE, original::add);
      List<VideoChunk> replayed = new ArrayList<>();
      TopicReader.read(bootstrap, "replayed", 0, Long.MAX_VALUE, replayed::add);

      assertThat(original).hasSize(15);
      assertThat(encodedPerCamera(replayed)).isEqualTo(encodedPerCamera(original));
    }
  }

  @Test
  void shouldKeepTheRecordedGapsAtRealSpeedOnAverage() {
    long gapMs = 300;
    List<VideoChunk> recording = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      recording.add(chunk(i, 1_000_000 + i * gapMs));
    }
    List<Long> sentNanos = new ArrayList<>();

    ChunkPacer.realTime(ChunkPacer.Plan.replay(1, 1, false, Duration.ZERO))
        .play(recording, c -> sentNanos.add(System.nanoTime()), p -> { });

    double meanGapMs = (sentNanos.get(sentNanos.size() - 1) - sentNanos.get(0)) / 1e6 / (sentNanos.size() - 1);
    assertThat(meanGapMs / gapMs).isBetween(0.9, 1.1);
  }

  private static VideoChunk chunk(long sequence, long captureMs) {
    return VideoChunk.newBuilder().setCameraId("cam").setSequence(sequence).setCaptureTimeMs(captureMs)
        .setFirstPtsMicros(sequence * 1_000_000).setFirstFrameIndex(sequence * 10).setFrameCount(10).setFps(10)
        .setWidth(4).setHeight(4).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.allocate(1)).build();
  }

  /** Per camera, the chunks in order as their Avro bytes. */
  private static Map<String, List<String>> encodedPerCamera(List<VideoChunk> chunks) {
    AvroSerde<VideoChunk> serde = AvroSerde.of(VideoChunk.class);
    return chunks.stream().collect(Collectors.groupingBy(VideoChunk::getCameraId,
        Collectors.mapping(c -> java.util.HexFormat.of().formatHex(serde.toBytes(c)), Collectors.toList())));
  }
}
