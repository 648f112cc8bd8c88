package dev.resolute.testkit.traffic;

import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.topic.Topics;
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
 * A read_committed reader of the processor's outputs on its own thread that notes when each
 * record became visible, so that a caller can tell how long readers waited after a crash: a
 * transaction left open by a dead producer holds back everything behind it on its partitions until
 * it is fenced or times out.
 *
 * <p>It reads from the end of each topic as it stood when it was made: on a shared cluster, earlier
 * runs' outputs must not count as this run's.
 */
public final class CommittedOutputWatch implements AutoCloseable {

  /** One mask or cost record: which frame, on which partition, when this reader first saw it, and whether it was concealed. */
  public record Seen(String topic, int partition, FrameId frame, long seenNanos, boolean damaged) {}

  /** What the controller believed when it chose a frame's level; the whole cost record where it wanted more than one instance. */
  public record CostSignal(FrameId frame, double arrivalFps, int desiredReplicas, String detailIfScaling) {}

  /** A dead letter: where its record was on the chunk topic, and why it was refused. */
  public record Letter(int partition, long offset, String reason) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<CostSignal> costSignals = new CopyOnWriteArrayList<>();
  private final List<Letter> letters = new CopyOnWriteArrayList<>();
  private final List<ControlDecision> decisions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "resolute-committed-output-watch");
  private volatile RuntimeException failure;

  public CommittedOutputWatch(String bootstrapServers) {
    this(Topics.readCommitted(bootstrapServers));
  }

  /** With the caller's consumer settings (bootstrap, security), which must keep read_committed. */
  public CommittedOutputWatch(java.util.Properties readCommitted) {
    consumer = new KafkaConsumer<>(readCommitted, new StringDeserializer(), new ByteArrayDeserializer());
    // assigned, not subscribed: a group's rebalance after a broker restart would reset an uncommitted
    // position to the beginning and show every record twice
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.MASKS, Topics.FRAME_COSTS, Topics.DEAD_LETTERS, Topics.CONTROL_DECISIONS)) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve "end" now, before anything of this run is published
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (!stopping.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          file(record, System.nanoTime());
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private void file(ConsumerRecord<String, byte[]> record, long now) {
    switch (record.topic()) {
      case Topics.MASKS -> {
        SegmentationMask mask = Topics.SEGMENTATION_MASKS.read(record.value());
        seen.add(new Seen(record.topic(), record.partition(), new FrameId(mask.getCameraId(), mask.getChunkSequence(),
            mask.getFrameIndex()), now, mask.getDamaged()));
      }
      case Topics.FRAME_COSTS -> {
        FrameCost cost = Topics.COSTS.read(record.value());
        FrameId frame = new FrameId(cost.getCameraId(), cost.getChunkSequence(), cost.getFrameIndex());
        seen.add(new Seen(record.topic(), record.partition(), frame, now, cost.getDamaged()));
        costSignals.add(new CostSignal(frame, cost.getArrivalFps(), cost.getDesiredReplicas(),
            cost.getDesiredReplicas() > 1 ? cost.toString() : null));
      }
      case Topics.DEAD_LETTERS -> {
        DeadLetter letter = Topics.LETTERS.read(record.value());
        letters.add(new Letter(letter.getPartition(), letter.getOffset(), letter.getReason()));
      }
      default -> decisions.add(Topics.DECISIONS.read(record.value()));
    }
  }

  /** How often each frame appeared on {@code topic}. */
  public Map<FrameId, Long> framesOn(String topic) {
    throwIfFailed();
    return seen.stream().filter(s -> s.topic().equals(topic)).collect(Collectors.groupingBy(Seen::frame, Collectors.counting()));
  }

  /** Every mask and cost record seen so far. */
  public List<Seen> seen() {
    throwIfFailed();
    return List.copyOf(seen);
  }

  public List<CostSignal> costSignals() {
    throwIfFailed();
    return List.copyOf(costSignals);
  }

  public List<Letter> deadLetters() {
    throwIfFailed();
    return List.copyOf(letters);
  }

  public List<ControlDecision> decisions() {
    throwIfFailed();
    return List.copyOf(decisions);
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
