package dev.resolute.topology;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.pipeline.SegmentedFrame;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments each chunk and forwards one mask and one cost record per frame. Takes the raw bytes so
 * that anything it cannot use, unreadable Avro or undecodable video, reaches the dead-letter topic
 * exactly as it arrived.
 */
final class SegmentChunkProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger log = LoggerFactory.getLogger(SegmentChunkProcessor.class);
  private static final AvroSerde<VideoChunk> CHUNKS = AvroSerde.of(VideoChunk.class);

  private final Supplier<ChunkSegmenter> segmenters;
  private ProcessorContext<String, Object> context;
  private ChunkSegmenter segmenter;

  SegmentChunkProcessor(Supplier<ChunkSegmenter> segmenters) {
    this.segmenters = segmenters;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.segmenter = segmenters.get();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    VideoChunk chunk;
    try {
      chunk = CHUNKS.fromBytes(record.value());
    } catch (SerializationException e) {
      deadLetter(record, e.getMessage(), e);
      return;
    }
    List<SegmentedFrame> frames;
    try {
      frames = segmenter.segment(chunk);
    } catch (ChunkDecodeException e) {
      deadLetter(record, "chunk " + chunk.getSequence() + " of camera " + chunk.getCameraId() + ": " + e.getMessage(), e);
      return;
    }
    String camera = chunk.getCameraId();
    for (SegmentedFrame frame : frames) {
      context.forward(new Record<String, Object>(camera, frame.mask(), record.timestamp()), SegmentationTopology.MASKS_SINK);
      context.forward(new Record<String, Object>(camera, frame.cost(), record.timestamp()), SegmentationTopology.COSTS_SINK);
    }
  }

  private void deadLetter(Record<String, byte[]> record, String reason, Exception cause) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    log.warn("dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(source.topic())
        .setPartition(source.partition())
        .setOffset(source.offset())
        .setKey(record.key())
        .setReason(reason)
        .setErrorClass(cause.getClass().getName())
        .setTimestampMs(record.timestamp())
        .setOriginalBytes(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
        .build();
    context.forward(new Record<String, Object>(record.key(), letter, record.timestamp()), SegmentationTopology.DEAD_LETTERS_SINK);
  }

  @Override
  public void close() {
    if (segmenter != null) {
      segmenter.close();
    }
  }
}
