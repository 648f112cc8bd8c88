package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testing.ProcessorUnderTest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk just under the chunk topic's 64 MiB limit whose video is garbage must reach the
 * dead-letter topic whole: the dead letter is bigger than the chunk (reason, offset, key), so the
 * dead-letter topic and the processor's producer need headroom over the chunk limit, or the
 * processor could neither process nor dead-letter the record and would stop on it.
 */
class DeadLetterHeadroomIT {
  @TempDir Path dir;

  @Test
  void shouldDeadLetterAChunkAtTheSizeLimitWhole() throws Exception {
    // sized so that the chunk, with Kafka's record overhead, just fits the chunk topic, and its
    // dead letter (the same bytes plus reason, offset and key) does not
    VideoChunk huge = chunkOf(1);
    int fixedBytes = AvroSerde.of(VideoChunk.class).toBytes(huge).length - 1;
    huge = chunkOf(Topics.MAX_MESSAGE_BYTES - 256 - fixedBytes);
    byte[] sent = AvroSerde.of(VideoChunk.class).toBytes(huge);

    try (ProcessorUnderTest processor = ProcessorUnderTest.start(dir, 1)) {
      try (ChunkPublisher publisher = new ChunkPublisher(processor.bootstrapServers())) {
        publisher.publish(huge);
        publisher.flush();
      }
      OutputCollector collector = processor.collect(Long.MAX_VALUE, Duration.ofMinutes(2));

      assertThat(collector.deadLetters()).hasSize(1);
      DeadLetter letter = collector.deadLetters().get(0);
      assertThat(letter.getReason()).contains("cam-huge");
      ByteBuffer original = letter.getOriginalBytes().duplicate();
      byte[] kept = new byte[original.remaining()];
      original.get(kept);
      assertThat(kept).isEqualTo(sent);
      assertThat(AvroSerde.of(DeadLetter.class).toBytes(letter).length).as("the dead letter needed the headroom")
          .isGreaterThan(Topics.MAX_MESSAGE_BYTES);
    }
  }

  private static VideoChunk chunkOf(int payloadBytes) {
    byte[] garbage = new byte[payloadBytes];
    new Random(7).nextBytes(garbage);
    return VideoChunk.newBuilder()
        .setCameraId("cam-huge").setSequence(0).setCaptureTimeMs(System.currentTimeMillis()).setFirstPtsMicros(0)
        .setFrameCount(10).setFps(10).setWidth(320).setHeight(240).setCodec("h264").setContainer("matroska")
        .setPayload(ByteBuffer.wrap(garbage)).build();
  }
}
