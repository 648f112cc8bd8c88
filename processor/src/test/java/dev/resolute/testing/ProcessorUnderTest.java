package dev.resolute.testing;

import dev.resolute.app.OutputCollector;
import dev.resolute.app.ResoluteProcessor;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import dev.resolute.inference.OnnxModel;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real broker and the real topology with the generated model at its full level (fixed policy:
 * every frame masked, none skipped by a stride), and a read_committed collector of its outputs.
 */
public final class ProcessorUnderTest implements AutoCloseable {
  private final KafkaCluster kafka;
  private final ResoluteProcessor processor;
  private OutputCollector collector;

  private ProcessorUnderTest(KafkaCluster kafka, ResoluteProcessor processor) {
    this.kafka = kafka;
    this.processor = processor;
  }

  public static ProcessorUnderTest start(Path dir, int partitions) throws Exception {
    return start(dir, partitions, config -> config);
  }

  /** @param adjust changes to the local defaults */
  public static ProcessorUnderTest start(Path dir, int partitions, java.util.function.UnaryOperator<ProcessorConfig> adjust) throws Exception {
    KafkaCluster kafka = KafkaTestCluster.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, partitions, (short) 1);
    }
    OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    ResoluteProcessor processor = new ResoluteProcessor(adjust.apply(ProcessorConfig.local(kafka.bootstrapServers(), dir.resolve("state"))
        .withControl(ControlConfig.defaults(Policy.FIXED).withCostCacheDir(dir.resolve("costs").toString()))), model);
    processor.start(Duration.ofSeconds(60));
    return new ProcessorUnderTest(kafka, processor);
  }

  /** The processor itself: whether it is still running, and what stopped it. */
  public ResoluteProcessor processor() {
    return processor;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /**
   * Reads outputs until {@code costs} cost records (one per frame) or a dead letter arrived, then a
   * little longer: anything beyond the expected count would be a duplicate.
   */
  public OutputCollector collect(long costs, Duration atMost) {
    collector = new OutputCollector(kafka.bootstrapServers());
    long deadline = System.nanoTime() + atMost.toNanos();
    while (collector.costs().size() < costs && collector.deadLetters().isEmpty() && System.nanoTime() < deadline
        && processor.failure() == null) {
      collector.poll(Duration.ofMillis(500));
    }
    collector.poll(Duration.ofSeconds(1));
    if (processor.failure() != null) {
      throw new IllegalStateException("the processor failed", processor.failure());
    }
    return collector;
  }

  @Override
  public void close() {
    if (collector != null) {
      collector.close();
    }
    processor.close();
    kafka.close();
  }
}
