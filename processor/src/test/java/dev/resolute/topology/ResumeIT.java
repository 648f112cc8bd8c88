package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor restarts on a real broker: the camera's controller state does not vanish with it.
 * The new processor reads the camera's last decision from the compacted last-decisions topic (not
 * the history, which is emptied in between to prove it), goes on from it, and publishes a decision
 * that says so.
 */
class ResumeIT {
  @TempDir Path dir;

  @Test
  void shouldResumeACameraFromItsLastPublishedDecisionAfterARestart() throws Exception {
    Path clip = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), 40, FootageWriter.Codec.FFV1, clip);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(clip, "cam", null, chunks::add);
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(4);
    Path modelDir = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();

    try (KafkaCluster kafka = KafkaTestCluster.start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        TopicSetup.ensure(admin, 1, (short) 1);
      }
      ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
          .withControl(ControlConfig.defaults(Policy.ADAPTIVE).withCostCacheDir(dir.resolve("costs").toString()));
      List<ControlDecision> before = runOn(config, modelDir, kafka, chunks.subList(0, 2), 20);
      ControlDecision last = before.get(before.size() - 1);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        assertThat(topicConfig(admin, Topics.CONTROL_LAST_DECISIONS, "cleanup.policy")).isEqualTo("compact");
        emptyHistory(admin);
      }

      List<ControlDecision> after = runOn(config, modelDir, kafka, chunks.subList(2, 4), 40); // the history holds only these now

      assertThat(after).first().satisfies(d -> {
        assertThat(d.getReason()).startsWith("resumed from the decision of").contains(
            "(level " + last.getToLevel() + " x" + last.getToStride() + ")");
        assertThat(d.getFromLevel()).isEqualTo(last.getToLevel());
        assertThat(d.getFromStride()).isEqualTo(last.getToStride());
        assertThat(d.getServiceMsPerLevel()).as("the measured costs went on too").hasSize(last.getServiceMsPerLevel().size());
      });

      ControlDecision latest = after.get(after.size() - 1);
      try (DecisionTail impatient = new DecisionTail(kafka.bootstrapServers(), config.kafkaClient())) {
        assertThat(impatient.start(Duration.ZERO)).as("no time to read: says so, and resumes nobody yet").isFalse();
        assertThat(impatient.last("cam")).isNull();
      }
      try (DecisionTail tail = new DecisionTail(kafka.bootstrapServers(), config.kafkaClient())) {
        assertThat(tail.start(Duration.ofSeconds(30))).isTrue();
        assertThat(tail.last("cam")).isNotNull().satisfies(d -> {
          assertThat(d.level()).isEqualTo(latest.getToLevel());
          assertThat(d.stride()).isEqualTo(latest.getToStride());
        });
        assertThat(tail.progress()).endsWith("last decisions of 1 camera(s) known");
      }
    }
  }

  private static String topicConfig(Admin admin, String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key).value();
  }

  /** Deletes every record of the history topic: a resume that still works did not come from there. */
  private static void emptyHistory(Admin admin) throws Exception {
    Map<TopicPartition, RecordsToDelete> all = new java.util.HashMap<>();
    var partitions = admin.describeTopics(List.of(Topics.CONTROL_DECISIONS)).allTopicNames().get().get(Topics.CONTROL_DECISIONS).partitions();
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    partitions.forEach(p -> latest.put(new TopicPartition(Topics.CONTROL_DECISIONS, p.partition()), OffsetSpec.latest()));
    admin.listOffsets(latest).all().get().forEach((tp, info) -> all.put(tp, RecordsToDelete.beforeOffset(info.offset())));
    admin.deleteRecords(all).all().get();
  }

  /** Starts a processor, publishes {@code chunks}, waits for {@code costs} cost records in all, stops it; returns every decision so far. */
  private static List<ControlDecision> runOn(ProcessorConfig config, Path modelDir, KafkaCluster kafka, List<VideoChunk> chunks,
      int costs) throws Exception {
    try (ResoluteProcessor processor = new ResoluteProcessor(config, OnnxModel.load(modelDir));
        OutputCollector collector = new OutputCollector(kafka.bootstrapServers())) {
      processor.start(Duration.ofSeconds(60));
      try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers())) {
        // stamped now, so that no lag from the clip's own time makes the new processor step down
        long now = System.currentTimeMillis();
        for (VideoChunk chunk : chunks) {
          publisher.publish(VideoChunk.newBuilder(chunk).setCaptureTimeMs(now + chunk.getCaptureTimeMs() - chunks.get(0).getCaptureTimeMs()).build());
        }
        publisher.flush();
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (collector.costs().size() < costs && System.nanoTime() < deadline && processor.failure() == null) {
        collector.poll(Duration.ofMillis(500));
      }
      assertThat(processor.failure()).isNull();
      assertThat(collector.costs()).hasSize(costs);
      return List.copyOf(collector.decisions());
    }
  }
}
