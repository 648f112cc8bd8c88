package dev.resolute.metrics;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the per-frame meters from the processor's committed cost records and dead letters, read
 * on a thread of its own. Reading outputs rather than hooking the topology counts only what a
 * committed transaction published, exactly once even across task retries and rebalances.
 *
 * <p>The instances of one application share a consumer group ({@code <application.id>-metrics}),
 * so each record is counted by one instance and {@code sum} over instances is the fleet's total.
 * A new group starts at the end of the topics: a fresh deployment does not replay history into
 * its counters.
 */
public final class CostRecordFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CostRecordFeed.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final FrameMeters frames;
  private final DeadLetterMeters letters;
  private final Map<String, TopicPartition> cameraPartitions = new HashMap<>();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param series the process's cap on cameras with series of their own
   * @param idle a camera with no cost record for this long loses its series (the controller's eviction time)
   */
  public CostRecordFeed(MeterRegistry registry, String bootstrapServers, KafkaClientConfig client, String applicationId,
      CameraSeries series, Duration idle) {
    this.frames = new FrameMeters(registry, series, idle);
    this.letters = new DeadLetterMeters(registry, frames);
    Properties props = Topics.readCommitted(bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-metrics");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-metrics-feed");
    consumer = new KafkaConsumer<>(client.under(props), new StringDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "resolute-metrics-feed");
    thread.setDaemon(true);
  }

  public CostRecordFeed start() {
    thread.start();
    return this;
  }

  /**
   * Waits until the feed has its partitions and knows where it starts in them: records published
   * after this are counted, earlier ones may not be. True if that happened within the timeout.
   */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.FRAME_COSTS, Topics.DEAD_LETTERS), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          partitions.forEach(consumer::position); // resolve "latest" now, not at the first fetch
          assigned.countDown();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          cameraPartitions.entrySet().removeIf(e -> {
            boolean gone = partitions.contains(e.getValue());
            if (gone) {
              frames.forget(e.getKey());
            }
            return gone;
          });
        }
      });
      while (!closing) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          file(record);
        }
        frames.forgetIdle(System.currentTimeMillis()).forEach(cameraPartitions::remove);
      }
    } catch (WakeupException closed) {
      // close() interrupts the poll
    } catch (RuntimeException e) {
      log.error("the metrics feed stopped: per-frame metrics are frozen from now on", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void file(ConsumerRecord<String, byte[]> record) {
    try {
      if (Topics.FRAME_COSTS.equals(record.topic())) {
        FrameCost cost = Topics.COSTS.read(record.value());
        frames.record(cost, System.currentTimeMillis());
        if (frames.has(cost.getCameraId())) { // only cameras with series: the map is as bounded as they are
          cameraPartitions.put(cost.getCameraId(), new TopicPartition(record.topic(), record.partition()));
        }
      } else {
        letters.record(Topics.LETTERS.read(record.value()));
      }
    } catch (SerializationException unreadable) {
      // one record of another writer must not stop the metrics of the rest
      log.warn("skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), unreadable.toString());
    }
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
