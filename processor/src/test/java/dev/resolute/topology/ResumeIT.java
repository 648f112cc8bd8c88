package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.broker.KafkaCluster;
import dev.resolute.config.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.footage.FootageWriter;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.inference.OnnxModel;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testing.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor restarts on a real broker: the camera's controller state does not vanish with it.
 * The new processor reads the camera's last decision from the decisions topic, goes on from it,
 * and publishes a decision that says so.
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
        TopicSetup.ensure(admin, Topics.all(1), (short) 1);
      }
      ProcessorConfig config = ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
          .withControl(ControlConfig.defaults(Policy.ADAPTIVE).withCostCacheDir(dir.resolve("costs").toString()));
      List<ControlDecision> before = runOn(config, modelDir, kafka, chunks.subList(0, 2), 20);
      ControlDecision last = before.get(before.size() - 1);

      List<ControlDecision> all = runOn(config, modelDir, kafka, chunks.subList(2, 4), 40);

      List<ControlDecision> after = all.subList(before.size(), all.size());
      assertThat(after).first().satisfies(d -> {
        assertThat(d.getReason()).startsWith("resumed from the decision of").contains(
            "(level " + last.getToLevel() + " x" + last.getToStride() + ")");
        assertThat(d.getFromLevel()).isEqualTo(last.getToLevel());
        assertThat(d.getFromStride()).isEqualTo(last.getToStride());
        assertThat(d.getServiceMsPerLevel()).as("the measured costs went on too").hasSize(last.getServiceMsPerLevel().size());
      });
    }
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
