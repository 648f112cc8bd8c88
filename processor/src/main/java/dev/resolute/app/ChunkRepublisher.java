package dev.resolute.app;

import dev.resolute.instance.MissingAcl;
import dev.resolute.schemas.topic.Topics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Sends chunks to {@link Topics#VIDEO_CHUNKS} and counts what the brokers acknowledged. A send
 * only queues, and {@code flush()} waits without raising what failed: without the callbacks a
 * principal denied WRITE on the topic "published" every chunk and nothing was written. After the
 * first failure it sends no more; the cause (a missing ACL, a broker away) is the same for the rest.
 */
final class ChunkRepublisher {
  /** What came of the sends: acknowledged, failed, and the first failure in one line (null when none failed). */
  record Tally(int acknowledged, int failed, String failure) {}

  private final Producer<String, byte[]> producer;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  ChunkRepublisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  /** Queues one chunk; false (nothing queued) once a send has failed. */
  boolean send(String key, byte[] chunk) {
    if (firstFailure.get() != null) {
      return false;
    }
    producer.send(new ProducerRecord<>(Topics.VIDEO_CHUNKS, key, chunk), (metadata, failure) -> {
      if (failure == null) {
        acknowledged.incrementAndGet();
      } else {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, failure);
      }
    });
    return true;
  }

  /** Waits for every queued send to be acknowledged or to fail. */
  Tally finish() {
    producer.flush();
    Exception failure = firstFailure.get();
    return new Tally(acknowledged.get(), failed.get(), failure == null ? null : describe(failure));
  }

  static String describe(Exception failure) {
    if (failure instanceof TopicAuthorizationException) {
      return "not authorized to write " + Topics.VIDEO_CHUNKS + " (" + failure.getClass().getSimpleName()
          + "): grant this principal WRITE and DESCRIBE on Topic " + Topics.VIDEO_CHUNKS;
    }
    return MissingAcl.describe(failure, "", "");
  }
}
