package dev.resolute.testkit.traffic;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Where paced cameras send their chunks. testkit cannot use the processor's ChunkPublisher, so
 * {@link #kafka} publishes as it does: to the chunk topic, keyed by camera, stamped with capture time.
 */
public interface ChunkSink extends AutoCloseable {
  /** Sends asynchronously; failures surface in {@link #flush()}. */
  void publish(VideoChunk chunk);

  /** Waits until every chunk sent so far is acknowledged, or throws the first failure. */
  void flush();

  @Override
  void close();

  /** A producer on {@link Topics#VIDEO_CHUNKS}, on plain connection settings. */
  static ChunkSink kafka(String bootstrapServers) {
    return kafka(Topics.chunkProducerProperties(bootstrapServers));
  }

  /** A producer on {@link Topics#VIDEO_CHUNKS} with these settings (the caller's security included). */
  static ChunkSink kafka(Map<?, ?> producerSettings) {
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) producerSettings;
    KafkaProducer<String, VideoChunk> producer = new KafkaProducer<>(settings, Topics.CHUNKS.keySerde().serializer(),
        Topics.CHUNKS.valueSerde().serializer());
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    return new ChunkSink() {
      @Override
      public void publish(VideoChunk chunk) {
        producer.send(Topics.CHUNKS.record(chunk.getCameraId(), chunk, chunk.getCaptureTimeMs()),
            (metadata, error) -> {
              if (error != null) {
                firstFailure.compareAndSet(null, error);
              }
            });
      }

      @Override
      public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
          throw new IllegalStateException("publishing chunks failed: " + failure.getMessage(), failure);
        }
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }
}
