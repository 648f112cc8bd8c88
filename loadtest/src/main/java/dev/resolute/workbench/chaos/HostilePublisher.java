package dev.resolute.workbench.chaos;

import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends hostile records onto the chunk topic at an even pace over a window, between the cameras'
 * good chunks, and notes where each landed: its dead letter names the same partition and offset.
 * The forged camera ids come all at once, a third of the way in: a flood of new ids, not a trickle.
 */
public final class HostilePublisher implements AutoCloseable {
  /** A hostile record and where the broker put it. */
  public record Sent(HostileRecord record, int partition, long offset) {}

  private final KafkaProducer<String, byte[]> producer;
  private final HostileRecords records;
  private final Supplier<List<String>> liveCameras;
  private final int count;
  private final boolean forgedIds;
  private final Duration window;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "resolute-hostile-publisher");
  private volatile Exception failure;

  /**
   * Sends {@code count} records from {@code records}, aimed at the cameras live at the time, over
   * {@code window}; with {@code forgedIds}, also {@link HostileRecords#forged()} in one burst.
   */
  public HostilePublisher(Properties client, HostileRecords records, Supplier<List<String>> liveCameras, int count,
      boolean forgedIds, Duration window) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.records = records;
    this.liveCameras = liveCameras;
    this.count = records.hasTurns() ? count : 0;
    this.forgedIds = forgedIds;
    this.window = window;
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      long start = System.nanoTime();
      long burstAt = start + window.toNanos() / 3;
      boolean burstDue = forgedIds;
      for (int n = 0; n < count && !stopping.get(); n++) {
        sleepUntil(start + window.toNanos() * n / Math.max(1, count));
        if (burstDue && System.nanoTime() >= burstAt) {
          sendAll(records.forged());
          burstDue = false;
        }
        List<String> cameras = liveCameras.get();
        while (cameras.isEmpty() && !stopping.get()) {
          Thread.sleep(50); // no camera has published yet: nothing to hide among
          cameras = liveCameras.get();
        }
        sendAll(List.of(records.make(n, cameras.get(n % cameras.size()))));
      }
      if (burstDue && !stopping.get()) {
        sleepUntil(burstAt);
        sendAll(records.forged());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000); // the pace of the attack, not a wait for a condition
    }
  }

  /** Sends every record before waiting for any, so that a burst arrives as one. */
  private void sendAll(List<HostileRecord> batch) throws Exception {
    List<java.util.concurrent.Future<RecordMetadata>> futures = new java.util.ArrayList<>();
    for (HostileRecord record : batch) {
      // the record's timestamp is now: only its header lies about time, and a 1970 timestamp would
      // let retention delete the record before the processor saw it
      futures.add(producer.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, null, System.currentTimeMillis(), record.key(),
          record.value())));
    }
    for (int i = 0; i < batch.size(); i++) {
      RecordMetadata where = futures.get(i).get();
      sent.add(new Sent(batch.get(i), where.partition(), where.offset()));
    }
  }

  /** Waits until every record is sent (or stops sending) and returns what was sent. */
  public List<Sent> finish(Duration atMost) throws InterruptedException {
    thread.join(atMost.toMillis());
    stopping.set(true);
    thread.join(30_000);
    if (failure != null) {
      throw new IllegalStateException("sending hostile records failed: " + failure, failure);
    }
    return List.copyOf(sent);
  }

  @Override
  public void close() {
    stopping.set(true);
    producer.close(Duration.ofSeconds(10));
  }
}
