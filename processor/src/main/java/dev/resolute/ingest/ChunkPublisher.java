package dev.resolute.ingest;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes chunks keyed by camera id, so one camera stays on one partition and in order, with an
 * idempotent producer (acks=all): a retry never duplicates or reorders a chunk.
 */
public final class ChunkPublisher implements AutoCloseable {
  private final KafkaProducer<String, VideoChunk> producer;
  private final String topic;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public ChunkPublisher(String bootstrapServers) {
    this(bootstrapServers, Topics.VIDEO_CHUNKS);
  }

  public ChunkPublisher(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, KafkaClientConfig.none());
  }

  /** With the user's client settings (security) under Resolute's own. */
  public ChunkPublisher(String bootstrapServers, String topic, KafkaClientConfig client) {
    Properties props = Topics.chunkProducerProperties(bootstrapServers);
    this.producer = new KafkaProducer<>(client.under(props), Topics.CHUNKS.keySerde().serializer(), Topics.CHUNKS.valueSerde().serializer());
    this.topic = topic;
  }

  /** Sends asynchronously; failures surface in {@link #flush()}. Timestamp = capture time. */
  public void publish(VideoChunk chunk) {
    producer.send(new ProducerRecord<>(topic, null, chunk.getCaptureTimeMs(), chunk.getCameraId(), chunk),
        (metadata, error) -> {
          if (error != null) {
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  /** Waits until every chunk sent so far is acknowledged, or throws the first failure. */
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("publishing chunks to " + topic + " failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
