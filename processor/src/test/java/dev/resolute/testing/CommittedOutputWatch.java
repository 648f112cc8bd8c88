package dev.resolute.testing;

import dev.resolute.app.OutputCollector;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed reader of masks and cost records on its own thread that notes when each record
 * became visible, so that a test can tell how long readers waited after a crash: a transaction
 * left open by a dead producer holds back everything behind it on its partitions until it is
 * fenced or times out.
 */
public final class CommittedOutputWatch implements AutoCloseable {
  private static final AvroSerde<SegmentationMask> MASKS = AvroSerde.of(SegmentationMask.class);
  private static final AvroSerde<FrameCost> COSTS = AvroSerde.of(FrameCost.class);

  /** One output record: which frame, on which partition, and when this reader first saw it. */
  public record Seen(String topic, int partition, String camera, long frameIndex, long seenNanos) {
    public String frame() {
      return camera + "#" + frameIndex;
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "resolute-committed-output-watch");
  private volatile RuntimeException failure;

  public CommittedOutputWatch(String bootstrapServers) {
    consumer = new KafkaConsumer<>(OutputCollector.readCommitted(bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer());
    // assigned, not subscribed: a group's rebalance after a broker restart would reset an uncommitted
    // position to the beginning and show every record twice
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.MASKS, Topics.FRAME_COSTS)) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (!stopping.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          if (record.topic().equals(Topics.MASKS)) {
            SegmentationMask mask = MASKS.fromBytes(record.value());
            seen.add(new Seen(record.topic(), record.partition(), mask.getCameraId(), mask.getFrameIndex(), now));
          } else {
            FrameCost cost = COSTS.fromBytes(record.value());
            seen.add(new Seen(record.topic(), record.partition(), cost.getCameraId(), cost.getFrameIndex(), now));
          }
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  /** How often each frame appeared on {@code topic}. */
  public Map<String, Long> framesOn(String topic) {
    throwIfFailed();
    return seen.stream().filter(s -> s.topic().equals(topic)).collect(Collectors.groupingBy(Seen::frame, Collectors.counting()));
  }

  /** When the first record became visible on {@code partition} of {@code topic} after {@code sinceNanos}. */
  public OptionalLong firstSeenAfter(String topic, int partition, long sinceNanos) {
    throwIfFailed();
    return seen.stream().filter(s -> s.topic().equals(topic) && s.partition() == partition && s.seenNanos() > sinceNanos)
        .mapToLong(Seen::seenNanos).min();
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new IllegalStateException("the output reader failed: " + failure, failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping.set(true);
    thread.join(10_000);
  }
}
