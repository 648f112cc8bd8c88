package dev.resolute.schemas.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * One of Resolute's topics with what its records are and how it is created, so that a producer, a
 * consumer and the topic's creator cannot disagree on either.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Creation creation) {

  /**
   * How the topic is created. A per-camera topic gets as many partitions as there are cameras, so
   * that each camera's records can stay in order on a partition of their own; the rest get one.
   */
  public record Creation(boolean perCamera, Map<String, String> config) {
    public Creation {
      config = Map.copyOf(config);
    }
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(creation, "creation");
  }

  public NewTopic newTopic(int cameraPartitions, short replicationFactor) {
    if (cameraPartitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, not " + cameraPartitions);
    }
    return new NewTopic(name, creation.perCamera() ? cameraPartitions : 1, replicationFactor).configs(creation.config());
  }

  /** The same records and settings under another name, as a replay into a topic of its own needs. */
  public Topic<K, V> named(String otherName) {
    return new Topic<>(otherName, keySerde, valueSerde, creation);
  }

  public V read(byte[] value) {
    return valueSerde.deserializer().deserialize(name, value);
  }

  public byte[] write(V value) {
    return valueSerde.serializer().serialize(name, value);
  }

  public ProducerRecord<K, V> record(K key, V value, long timestampMs) {
    return new ProducerRecord<>(name, null, timestampMs, key, value);
  }
}
