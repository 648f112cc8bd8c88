package dev.resolute.web;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.schemas.CameraIds;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chunk, mask and cost topics from now on, on a thread of its own, and files what it
 * reads into the {@link ViewState}. read_committed: a mask or cost record of a transaction the
 * processor later aborts (a fenced or crashed instance) is never shown, exactly as a downstream
 * consumer must not see it.
 */
final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  /** Chunks read back from before the start, per partition: the first masks after it are of frames sent just before. */
  private static final int CHUNKS_BACK = 4;
  private static final List<String> TOPICS = List.of(Topics.VIDEO_CHUNKS, Topics.MASKS, Topics.FRAME_COSTS);

  private final KafkaConsumer<String, byte[]> consumer;
  private final ViewState state;
  private final Thread thread;
  private final ChunkDecoder decoder = new ChunkDecoder();
  private volatile boolean stopped;
  private boolean closed;

  TopicTail(String bootstrapServers, KafkaClientConfig client, ViewState state) {
    Properties props = Topics.readCommitted(bootstrapServers);
    this.consumer = new KafkaConsumer<>(client.under(props), new StringDeserializer(), new ByteArrayDeserializer());
    this.state = state;
    this.thread = new Thread(this::run, "resolute-viewer-tail");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      while (!stopped && !assign()) {
        Thread.sleep(1000); // the topics are created by the first processor or ingest: wait for them
      }
      while (!stopped) {
        file(consumer.poll(Duration.ofMillis(250)));
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("the viewer stopped reading the topics", e);
    } finally {
      consumer.close();
    }
  }

  /** Every partition of the three topics, from their end (chunks from a little before); false while a topic is missing. */
  private boolean assign() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : TOPICS) {
      List<PartitionInfo> infos = consumer.listTopics().get(topic);
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
    for (TopicPartition partition : partitions) {
      if (partition.topic().equals(Topics.VIDEO_CHUNKS)) {
        consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - CHUNKS_BACK));
      }
    }
    return true;
  }

  /**
   * Records whose camera id breaks {@link CameraIds} are passed over: the processor dead-letters
   * such chunks, and the id would become a card on the page. A chunk whose record key is not its
   * camera id is passed over too: the processor refuses it, so it never gets a mask.
   */
  private void fileOne(ConsumerRecord<String, byte[]> record, Map<String, SegmentationMask> latestMask) {
    switch (record.topic()) {
      case Topics.VIDEO_CHUNKS -> {
        VideoChunk chunk = Topics.CHUNKS.read(record.value());
        String camera = chunk.getCameraId().toString();
        if (CameraIds.valid(camera) && camera.equals(record.key())) {
          state.chunks().add(chunk);
        }
      }
      case Topics.FRAME_COSTS -> {
        FrameCost cost = Topics.COSTS.read(record.value());
        if (CameraIds.valid(cost.getCameraId().toString())) {
          state.update(cost.getCameraId().toString()).addCost(cost);
        }
      }
      case Topics.MASKS -> {
        SegmentationMask mask = Topics.SEGMENTATION_MASKS.read(record.value());
        if (CameraIds.valid(mask.getCameraId().toString())) {
          latestMask.put(mask.getCameraId().toString(), mask); // only the newest of a batch is worth decoding
        }
      }
      default -> throw new IllegalStateException("unexpected topic " + record.topic());
    }
  }

  private void file(Iterable<ConsumerRecord<String, byte[]>> records) {
    Map<String, SegmentationMask> latestMask = new HashMap<>();
    boolean changed = false;
    for (ConsumerRecord<String, byte[]> record : records) {
      changed = true;
      try {
        fileOne(record, latestMask);
      } catch (RuntimeException e) {
        // the chunk topic carries what the processor dead-letters (unreadable Avro, hostile headers):
        // one such record must not stop the page for good
        log.debug("viewer: skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
      }
    }
    latestMask.forEach((camera, mask) -> {
      VideoChunk chunk = state.chunks().match(mask); // none: published before the viewer started, or not this mask's
      if (chunk == null) {
        return;
      }
      try {
        state.update(camera).show(mask, chunk, decoder);
      } catch (Exception e) {
        log.warn("viewer: cannot show frame {} of camera {}: {}", mask.getFrameIndex(), camera, e.getMessage());
      }
    });
    if (changed) {
      state.changed();
    }
    state.evictIdle();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return; // the demo closes it before its broker, and the viewer again when it goes
    }
    closed = true;
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
      consumer.close(); // never started: its own thread would have closed it
      return;
    }
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
