package dev.resolute.ingest;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each camera's chunks on the topic stop, read once when ingest starts: the camera's last
 * committed chunk gives its next chunk and frame number and its source clock, so a restarted
 * ingest neither numbers frames from 0 again nor publishes again what the stream re-sends.
 *
 * <p>Cameras are the record keys, so each lies in one partition (the producer's hash of its id);
 * only the tail of that partition is read, from a few records before its end, then further back
 * while a camera is missing. Bounded in time: a broker that does not answer in time leaves the
 * cameras not found starting afresh (chunk 0, frame 0, every frame new), which the log says.
 */
public final class LastChunks {
  private static final Logger log = LoggerFactory.getLogger(LastChunks.class);
  /** Records read back from a partition's end at first: one camera's last chunk or two when few cameras share it. */
  static final int FIRST_LOOKBACK = 16;
  /**
   * The furthest back from a partition's end: a camera with no chunk in that many records of its
   * partition (hundreds of cameras sharing it, or one new to this topic) starts afresh.
   */
  static final int MAX_LOOKBACK = 4096;

  private LastChunks() {}

  /** Each camera's start; {@link CameraStart#FRESH} for those without a chunk found in time. */
  public static Map<String, CameraStart> read(String bootstrapServers, KafkaClientConfig client, String topic,
      Collection<String> cameras, Duration timeout) {
    Map<String, VideoChunk> last = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client.under(properties(bootstrapServers, timeout)),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      if (partitions != null && !partitions.isEmpty()) {
        Map<Integer, Set<String>> wanted = new HashMap<>();
        for (String camera : cameras) {
          wanted.computeIfAbsent(partitionOf(camera, partitions.size()), p -> new HashSet<>()).add(camera);
        }
        for (Map.Entry<Integer, Set<String>> entry : wanted.entrySet()) {
          readTail(consumer, new TopicPartition(topic, entry.getKey()), entry.getValue(), last, deadline);
        }
      }
    } catch (KafkaException | IllegalStateException e) {
      log.warn("could not read where the cameras' chunks on {} stop within {} s ({}); cameras not found there start at "
          + "chunk 0 and take every frame as new", topic, timeout.toSeconds(), e.toString());
    }
    Map<String, CameraStart> starts = new HashMap<>();
    for (String camera : cameras) {
      VideoChunk chunk = last.get(camera);
      starts.put(camera, chunk == null ? CameraStart.FRESH : CameraStart.after(chunk));
    }
    return starts;
  }

  /** The producer's partition for a key: murmur2 of its bytes, as Kafka's default partitioner hashes keyed records. */
  static int partitionOf(String camera, int partitions) {
    return Utils.toPositive(Utils.murmur2(camera.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private static void readTail(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, Set<String> cameras,
      Map<String, VideoChunk> last, long deadline) {
    List<TopicPartition> one = List.of(partition);
    consumer.assign(one);
    long begin = consumer.beginningOffsets(one, left(deadline)).get(partition);
    long end = consumer.endOffsets(one, left(deadline)).get(partition); // read_committed: the last stable offset
    long until = end;
    for (long lookback = FIRST_LOOKBACK; until > begin; lookback *= 4) {
      long from = Math.max(begin, end - Math.min(lookback, MAX_LOOKBACK));
      readRange(consumer, partition, from, until, cameras, last, deadline);
      until = from;
      if (last.keySet().containsAll(cameras) || lookback >= MAX_LOOKBACK) {
        return;
      }
    }
  }

  /** Keeps, per camera, the chunk with the highest sequence among records [from, until). */
  private static void readRange(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long until,
      Set<String> cameras, Map<String, VideoChunk> last, long deadline) {
    consumer.seek(partition, from);
    while (consumer.position(partition, left(deadline)) < until) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out reading " + partition);
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() >= until || !cameras.contains(record.key())) {
          continue;
        }
        VideoChunk chunk = parse(record.value());
        VideoChunk known = last.get(record.key());
        if (chunk != null && chunk.getCameraId().equals(record.key())
            && (known == null || chunk.getSequence() > known.getSequence())) {
          last.put(record.key(), chunk);
        }
      }
    }
  }

  /** Null for a record that is not a chunk ingest could have written: the processor dead-letters those too. */
  private static VideoChunk parse(byte[] bytes) {
    try {
      return bytes == null ? null : Topics.CHUNKS.read(bytes);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  private static Properties properties(String bootstrapServers, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16); // chunks are up to 48 MiB: a few at a time
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    return props;
  }
}
