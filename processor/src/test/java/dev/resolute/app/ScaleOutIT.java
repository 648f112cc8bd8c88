package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.process.ProcessorProcess;
import dev.resolute.testkit.traffic.CommittedOutputWatch;
import dev.resolute.testkit.traffic.FrameId;
import dev.resolute.testkit.traffic.PacedCameras;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three processor instances (separate processes, one application id) share six cameras on six
 * partitions of a real broker; one is SIGKILLed and not restarted. The survivors must take its
 * partitions within 15 s, read_committed readers must never be held longer than that, every frame
 * must get exactly one mask and one cost record, and each moved camera must publish its starting
 * decision on its new instance.
 */
class ScaleOutIT {
  private static final Logger log = LoggerFactory.getLogger(ScaleOutIT.class);
  private static final int PARTITIONS = 6;
  private static final int INSTANCES = 3;
  private static final String APPLICATION_ID = "resolute-scale";
  private static final Duration TAKE_OVER_WITHIN = Duration.ofSeconds(15);
  private static final Path LOG = Path.of("target", "ScaleOutIT-processors.log");

  @TempDir Path dir;

  @Test
  void shouldShareCamerasAcrossInstancesAndHandADeadOnesPartitionsToTheSurvivors() throws Exception {
    java.nio.file.Files.deleteIfExists(LOG);
    List<VideoChunk> clip = clip();
    try (KafkaCluster broker = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensure(admin, PARTITIONS, (short) 1);
      List<ProcessorProcess> processors = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        processors.add(start(broker, "scale-" + i));
      }
      try (CommittedOutputWatch outputs = new CommittedOutputWatch(broker.bootstrapServers());
          PacedCameras cameras = new PacedCameras(broker.bootstrapServers(), clip, Duration.ofMillis(500), PARTITIONS)) {
        awaitMasksOnEveryPartitionAfter(outputs, System.nanoTime(), Duration.ofSeconds(120));
        await("every instance owning partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get().get(APPLICATION_ID).members()
                .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == INSTANCES);
        int decisionsBefore = outputs.decisions().size();

        // the hard case: it dies inside a transaction holding masks, which only a fence ends early
        String dying = new InstanceTransactionalId(APPLICATION_ID, "scale-0", 1).toString();
        await("an open transaction with masks").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
          var txn = admin.describeTransactions(List.of(dying)).description(dying).get();
          return txn.state() == org.apache.kafka.clients.admin.TransactionState.ONGOING
              && txn.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.MASKS));
        });
        processors.get(0).kill();
        long killed = System.nanoTime();
        Duration takeOver = awaitMasksOnEveryPartitionAfter(outputs, killed, Duration.ofSeconds(90));
        log.info("survivors took over: masks on every partition {} ms after the kill", takeOver.toMillis());
        assertThat(takeOver).as("every partition masked again after the kill (read_committed readers held at most this)")
            .isLessThanOrEqualTo(TAKE_OVER_WITHIN);

        Set<FrameId> published = cameras.stop();
        await("a mask and a cost record for every frame").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> outputs.framesOn(Topics.MASKS).keySet().containsAll(published)
                && outputs.framesOn(Topics.FRAME_COSTS).keySet().containsAll(published));
        Thread.sleep(2000); // a duplicate is an absence to disprove: give a late one time to show
        log.info("{} frames published, {} with masks, {} with cost records", published.size(),
            outputs.framesOn(Topics.MASKS).size(), outputs.framesOn(Topics.FRAME_COSTS).size());
        assertExactlyOnce(outputs.framesOn(Topics.MASKS), published, "masks");
        assertExactlyOnce(outputs.framesOn(Topics.FRAME_COSTS), published, "cost records");

        // the dead instance's cameras resumed from their last decisions where they landed, and said so
        List<ControlDecision> after = outputs.decisions().subList(decisionsBefore, outputs.decisions().size());
        assertThat(after).as("starting decisions of the moved cameras").isNotEmpty()
            .allSatisfy(d -> assertThat(d.getReason()).startsWith("resumed from the decision of"));
      } finally {
        for (ProcessorProcess processor : processors) {
          processor.close();
        }
      }
    }
  }

  private Duration awaitMasksOnEveryPartitionAfter(CommittedOutputWatch outputs, long sinceNanos, Duration atMost) {
    await("masks on every partition").atMost(atMost).pollInterval(Duration.ofMillis(50))
        .until(() -> IntStream.range(0, PARTITIONS).allMatch(p -> outputs.firstSeenAfter(Topics.MASKS, p, sinceNanos).isPresent()));
    long last = IntStream.range(0, PARTITIONS).mapToLong(p -> outputs.firstSeenAfter(Topics.MASKS, p, sinceNanos).getAsLong())
        .max().orElseThrow();
    return Duration.ofNanos(last - sinceNanos);
  }

  private List<VideoChunk> clip() throws Exception {
    Path footage = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), 40, FootageWriter.Codec.FFV1, footage);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(footage, "clip", null, chunks::add);
    return chunks;
  }

  private ProcessorProcess start(KafkaCluster broker, String instanceId) {
    List<String> args = List.of("--bootstrap-servers", broker.bootstrapServers(), "--application-id", APPLICATION_ID,
        "--instance-id", instanceId, "--policy", "fixed", "--partitions", String.valueOf(PARTITIONS),
        "--slowest-chunk-seconds", "10", "--device", "cpu",
        "--state-dir", dir.resolve("state-" + instanceId).toString());
    return ProcessorProcess.start(args, dir.resolve("cache-" + instanceId), LOG);
  }

  private static void assertExactlyOnce(Map<FrameId, Long> seen, Set<FrameId> published, String what) {
    assertThat(published).as("frames published").hasSizeGreaterThan(100);
    Set<FrameId> missing = published.stream().filter(frame -> !seen.containsKey(frame)).collect(Collectors.toSet());
    List<FrameId> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(missing).as(what + " missing").isEmpty();
    assertThat(duplicated).as(what + " seen more than once").isEmpty();
  }
}
