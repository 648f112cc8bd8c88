package dev.resolute.topology;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.control.CameraHistory;
import dev.resolute.control.LastDecision;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every camera's last committed decision, read from the compacted last-decisions topic from its
 * beginning and then followed on a background thread, so that a camera whose partition moves here,
 * or whose processor restarts, resumes where it was. Every instance follows every camera: the topic
 * holds about one small record per camera once compacted, and which instance will own a camera
 * next is not known in advance. The history topic is never read here: its days of records made the
 * start-up read outgrow its budget, after which cameras silently started afresh.
 */
public final class DecisionTail implements CameraHistory, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DecisionTail.class);

  private final Map<String, LastDecision> last = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, byte[]> consumer;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean started;
  /** What the start-up read has to cover and has covered, in records, for the warning that it fell short. */
  private volatile long toRead = -1;
  private volatile long read;

  public DecisionTail(String bootstrapServers, KafkaClientConfig client) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "resolute-decision-tail");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // an aborted chunk's decision never happened
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(client.under(props), new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::follow, "resolute-decision-tail");
    thread.setDaemon(true);
  }

  /**
   * Starts following; waits up to {@code timeout} for what the topic held at start. False when that
   * was not read in time: until it is, cameras start afresh, and the warning says how far it got.
   */
  public boolean start(Duration timeout) throws InterruptedException {
    started = true;
    thread.start();
    if (caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    log.warn("{} was not read to its end within {} s ({}): cameras that arrive before it is start afresh",
        Topics.CONTROL_LAST_DECISIONS, timeout.toMillis() / 1000.0, progress());
    return false;
  }

  /** How far the start-up read got, in words. */
  public String progress() {
    long total = toRead;
    return total < 0 ? "its partitions not yet found" : read + " of " + total + " offsets read, last decisions of " + last.size()
        + " camera(s) known";
  }

  @Override
  public LastDecision last(String cameraId) {
    // before the topic is read to its end, what is known may be an older decision than the last:
    // a camera then starts afresh, as the start-up warning says, rather than from a stale state
    return caughtUp.getCount() > 0 ? null : last.get(cameraId);
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTROL_LAST_DECISIONS, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        log.warn("no topic {}: cameras new to this instance start afresh", Topics.CONTROL_LAST_DECISIONS);
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      toRead = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
      long startedNs = System.nanoTime();
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          file(record);
        }
        if (caughtUp.getCount() > 0) {
          read = partitions.stream().mapToLong(p -> Math.min(consumer.position(p), end.get(p)) - begin.get(p)).sum();
          if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            log.info("{} read in {} ms: last decisions of {} camera(s) known", Topics.CONTROL_LAST_DECISIONS,
                (System.nanoTime() - startedNs) / 1_000_000, last.size());
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.warn("following {} failed after {} ({}): cameras new to this instance start afresh", Topics.CONTROL_LAST_DECISIONS,
          progress(), e.toString());
    } finally {
      caughtUp.countDown();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void file(ConsumerRecord<String, byte[]> record) {
    try {
      ControlDecision d = Topics.LAST_DECISIONS.read(record.value());
      last.put(d.getCameraId(), new LastDecision(d.getTimeMs(), d.getToLevel(), d.getToStride(),
          d.getServiceMsPerLevel().stream().mapToDouble(Double::doubleValue).toArray(),
          d.getQualityPerLevel().stream().mapToDouble(q -> q < 0 ? Double.NaN : q).toArray(), d.getArrivalFps()));
    } catch (RuntimeException e) {
      log.debug("ignoring an unreadable decision at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    if (!started) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
