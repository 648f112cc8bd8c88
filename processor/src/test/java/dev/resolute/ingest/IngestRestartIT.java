package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.sources.HlsServer;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest stopped in the middle of a live HLS stream and started again, as a deploy or a crash
 * does: the new process finds the camera's last chunk on the topic, continues its chunk and frame
 * numbers, and publishes none of the back catalogue FFmpeg reads again.
 */
class IngestRestartIT {
  private static final SyntheticScene SCENE = new SyntheticScene(160, 120, 25);
  private static final int SEGMENTS = 8;
  private static final LiveCameraIngest.Settings SETTINGS =
      new LiveCameraIngest.Settings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(200));
  @TempDir Path dir;

  @Test
  void shouldContinueTheCamerasNumberingAndPublishNoFrameTwiceAfterARestart() throws Exception {
    List<HlsServer.Segment> segments = segments();
    List<VideoChunk> first = Collections.synchronizedList(new ArrayList<>());
    List<VideoChunk> second = Collections.synchronizedList(new ArrayList<>());
    try (KafkaCluster kafka = KafkaTestCluster.start(); HlsServer server = HlsServer.live(segments, -1)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 3, (short) 1);
      }
      publishOthers(kafka.bootstrapServers()); // cameras sharing the partitions, after ours stopped: ours is further back

      runUntil(kafka, server, CameraStart.FRESH, first, () -> first.size() >= 3, false);
      publishOthers(kafka.bootstrapServers());
      CameraStart start = LastChunks.read(kafka.bootstrapServers(), KafkaClientConfig.none(), Topics.VIDEO_CHUNKS,
          List.of("lobby", "never-seen"), Duration.ofSeconds(20)).get("lobby");
      VideoChunk last = first.get(first.size() - 1);
      assertThat(start.nextSequence()).isEqualTo(last.getSequence() + 1);
      assertThat(start.nextFrameIndex()).isEqualTo(ChunkTimeline.nextFrameIndex(last));
      assertThat(start.resume()).isEqualTo(ResumePoint.of(last.getSourceClock()));

      LiveCameraIngest restarted = runUntil(kafka, server, start, second, () -> false, true);
      assertThat(restarted.health().isEnded()).isTrue();
      Map<String, Long> requests = server.requests().stream().map(r -> r.substring(r.indexOf('/')))
          .filter(path -> path.endsWith(".ts")).collect(Collectors.groupingBy(p -> p, Collectors.counting()));
      assertThat(requests.values()).as("the restarted ingest read segments the first one had read").contains(2L);
    }

    List<VideoChunk> all = new ArrayList<>(first);
    all.addAll(second);
    List<Long> published = new ArrayList<>();
    for (VideoChunk chunk : all) {
      for (int i = ChunkTimeline.firstNewFrame(chunk); i < chunk.getFrameCount(); i++) {
        published.add(ChunkTimeline.ptsMicros(chunk, i));
      }
    }
    System.out.printf("restart: %d + %d chunks, %d frames published of %d%n", first.size(), second.size(), published.size(),
        SEGMENTS * 50);
    assertThat(published).as("no frame published twice").doesNotHaveDuplicates();
    assertThat(published).as("the stream's last frames are there").hasSizeGreaterThan(SEGMENTS * 50 / 2);
    assertThat(all).extracting(VideoChunk::getSequence).as("chunk numbers continue across the restart")
        .containsExactlyElementsOf(LongStream.range(0, all.size()).boxed().toList());
    long[] indices = all.stream().flatMapToLong(c -> LongStream.range(ChunkTimeline.firstNewFrameIndex(c),
        ChunkTimeline.nextFrameIndex(c))).toArray();
    assertThat(indices).as("frame numbers continue without gaps or repeats").isEqualTo(LongStream.range(0, published.size()).toArray());
  }

  @Test
  void shouldStartAfreshWhenTheBrokerDoesNotAnswerInTime() {
    long start = System.nanoTime();
    Map<String, CameraStart> starts = LastChunks.read("127.0.0.1:1", KafkaClientConfig.none(), Topics.VIDEO_CHUNKS,
        List.of("lobby"), Duration.ofSeconds(2));

    assertThat(starts).containsEntry("lobby", CameraStart.FRESH);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("start-up held up no longer than the bound, roughly")
        .isLessThan(Duration.ofSeconds(30));
  }

  /** One ingest process's life: until {@code done}, or until the stream ends. */
  private static LiveCameraIngest runUntil(KafkaCluster kafka, HlsServer server, CameraStart start, List<VideoChunk> chunks,
      java.util.concurrent.Callable<Boolean> done, boolean toTheEnd) throws Exception {
    try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
      LiveCameraIngest ingest = new LiveCameraIngest(new LiveCameraIngest.Spec("lobby", server.url(), Map.of()), SETTINGS,
          chunk -> {
            chunks.add(chunk);
            publisher.publish(chunk);
          }, Clock.systemUTC(), start);
      Thread worker = new Thread(ingest, "ingest-lobby");
      worker.start();
      if (toTheEnd) {
        worker.join(90_000);
      } else {
        await().atMost(Duration.ofSeconds(60)).until(done);
      }
      ingest.stop();
      worker.join(15_000);
      publisher.flush();
      return ingest;
    }
  }

  /** Chunks of other cameras on every partition. */
  private static void publishOthers(String bootstrapServers) {
    try (ChunkPublisher publisher = new ChunkPublisher(bootstrapServers)) {
      for (int camera = 0; camera < 12; camera++) {
        for (int sequence = 0; sequence < 4; sequence++) {
          publisher.publish(VideoChunk.newBuilder().setCameraId("other-" + camera).setSequence(sequence)
              .setCaptureTimeMs(System.currentTimeMillis()).setFirstPtsMicros(0).setFrameCount(1).setFps(25).setWidth(2)
              .setHeight(2).setCodec("h264").setContainer("matroska").setPayload(java.nio.ByteBuffer.wrap(new byte[] {0}))
              .build());
        }
      }
      publisher.flush();
    }
  }

  private List<HlsServer.Segment> segments() throws Exception {
    List<HlsServer.Segment> segments = TestClips.hlsSegments(Files.createDirectories(dir.resolve("hls")), SCENE, SEGMENTS);
    assertThat(segments).as("segments written").hasSize(SEGMENTS);
    return segments;
  }

}
