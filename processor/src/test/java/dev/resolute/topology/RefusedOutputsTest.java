package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Which input a refused send is pinned on: the refused record's own, never a bystander's in the same transaction. */
class RefusedOutputsTest {
  private final RefusedOutputs refusals = new RefusedOutputs();

  @Test
  void shouldPinATimestampRefusalOnTheInputWhoseRecordCarriesThatTimestamp() {
    Exception own = new InvalidRecordException("Timestamp 1000 of message with offset 0 is out of range. The timestamp should be within [5, 9]");

    assertThat(refusals.refused(output(source(7), 2000), own)).as("another input's record failed with the batch's error").isFalse();
    assertThat(refusals.refused(output(source(5), 1000), own)).isTrue();

    assertThat(refusals.reasonFor(source(5))).contains("masks refused its output").contains("out of range");
    assertThat(refusals.reasonFor(source(7))).isNull();
  }

  @Test
  void shouldPinAnyOtherRefusalOnTheFirstInputItIsSeenWith() {
    Exception tooLarge = new RecordTooLargeException("The request included a message larger than the max message size");

    assertThat(refusals.refused(output(source(3), 1), tooLarge)).isTrue();
    // the producer fails the undrained batches of other inputs with the same exception
    assertThat(refusals.refused(output(source(4), 1), tooLarge)).isFalse();
    assertThat(refusals.refused(output(source(4), 1), new KafkaException("part of a batch which had invalid records"))).isFalse();

    assertThat(refusals.reasonFor(source(3))).isNotNull();
    assertThat(refusals.reasonFor(source(4))).isNull();
  }

  @Test
  void shouldReplaceTheThreadOnlyForAFailureItPinnedOnAnInput() {
    Exception refused = new InvalidTimestampException("Timestamp 42 of message with offset 0 is out of range. The timestamp should be within [1, 2]");
    refusals.refused(output(source(1), 42), refused);

    assertThat(refusals.explains(new StreamsException("send failed", refused))).isTrue();
    assertThat(refusals.explains(new StreamsException("send failed", new InvalidTimestampException("another")))).isFalse();
    assertThat(refusals.explains(new IllegalStateException("anything else"))).isFalse();
  }

  @Test
  void shouldIgnoreARecordWithoutItsInputsCoordinates() {
    assertThat(refusals.refused(new ProducerRecord<>("masks", null, 1L, new byte[0], new byte[0]),
        new RecordTooLargeException("too large"))).isFalse();
  }

  private static ProducerRecord<byte[], byte[]> output(RecordMetadata source, long timestamp) {
    Headers headers = RefusedOutputs.sourceHeaders(source);
    return new ProducerRecord<>("masks", 0, timestamp, new byte[0], new byte[0], headers);
  }

  private static RecordMetadata source(long offset) {
    return new RecordMetadata() {
      @Override
      public String topic() {
        return Topics.VIDEO_CHUNKS;
      }

      @Override
      public int partition() {
        return 0;
      }

      @Override
      public long offset() {
        return offset;
      }
    };
  }
}
