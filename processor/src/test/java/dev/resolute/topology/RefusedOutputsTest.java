package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Which input a refused send is pinned on: the refused record's own, never a bystander's in the same transaction. */
class RefusedOutputsTest {
  private final AtomicLong nowMs = new AtomicLong(1_000_000);
  // no grace: nothing here waits for another thread
  private final RefusedOutputs refusals = new RefusedOutputs(Duration.ofSeconds(60), Duration.ZERO, nowMs::get);

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
  void shouldNeverPinTheBrokersSummaryOfARefusedBatch() {
    // the producer fails the batches it has not sent yet with the summary, before or after the refused record's own error
    Exception summary = new InvalidTimestampException("One or more records have been rejected due to invalid timestamp");
    assertThat(refusals.refused(output(Topics.DEAD_LETTERS, source(8), 7), summary)).isFalse();
    assertThat(refusals.refused(output(source(9), 7), summary)).isFalse();

    assertThat(refusals.reasonFor(source(8))).isNull();
    assertThat(refusals.reasonFor(source(9))).isNull();
  }

  @Test
  void shouldReplaceTheThreadOnlyForAFailureItPinnedOnAnInput() {
    Exception refused = new InvalidTimestampException("Timestamp 42 of message with offset 0 is out of range. The timestamp should be within [1, 2]");
    refusals.refused(output(source(1), 42), refused);

    assertThat(refusals.explains(new StreamsException("send failed", refused))).isTrue();
    assertThat(refusals.explains(new IllegalStateException("anything else"))).isFalse();
    assertThat(refusals.explains(new StreamsException("send failed", new KafkaException("no route to host")))).isFalse();
  }

  @Test
  void shouldReplaceTheThreadForARefusalOnlyWhileAnInputWasPinnedRecently() {
    Exception unpinned = new InvalidTimestampException("another");
    assertThat(refusals.explains(new StreamsException("send failed", unpinned))).as("nothing pinned yet").isFalse();

    refusals.refused(output(source(1), 42), new InvalidRecordException("Timestamp 42 of message with offset 0 is out of range."));

    // what Kafka Streams saw first: a batch-mate's generic error, or a later send in the producer's error state
    Exception batchMate = new KafkaException("Failed to append record because it was part of a batch which had one more more invalid records");
    Exception errorState = new KafkaException("Cannot execute transactional method because we are in an error state",
        new InvalidTimestampException("top-level"));
    assertThat(refusals.explains(new StreamsException("send failed", batchMate))).isTrue();
    assertThat(refusals.explains(new StreamsException("send failed", errorState))).isTrue();
    assertThat(refusals.explains(new StreamsException("send failed", unpinned))).isTrue();

    nowMs.addAndGet(Duration.ofSeconds(61).toMillis());
    assertThat(refusals.explains(new StreamsException("send failed", batchMate))).as("a minute later").isFalse();
  }

  @Test
  void shouldPinTheForgedInputWhenItsBatchMateFailsFirst() {
    // the producer fails the records of one batch in order: the good chunk's, then the forged chunk's
    MockProducer<byte[], byte[]> mock = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    List<Exception> streamsSaw = new ArrayList<>();
    try (RefusalReportingProducer producer = new RefusalReportingProducer(mock, refusals)) {
      producer.send(output(source(10), 500), (m, e) -> streamsSaw.add(e));
      producer.send(output(source(11), 100), (m, e) -> streamsSaw.add(e));
      mock.errorNext(new KafkaException("Failed to append record because it was part of a batch which had one more more invalid records"));
      mock.errorNext(new InvalidRecordException("Timestamp 100 of message with offset 1 is out of range. The timestamp should be within [400, 900]"));
    }

    assertThat(streamsSaw).hasSize(2);
    assertThat(refusals.reasonFor(source(10))).as("the innocent batch-mate").isNull();
    assertThat(refusals.reasonFor(source(11))).contains("out of range");
    // Kafka Streams hands its handler only the first error of the task, the batch-mate's
    assertThat(refusals.attributed(streamsSaw.get(0))).isFalse();
    assertThat(refusals.explains(new StreamsException("send failed", streamsSaw.get(0)))).isTrue();
  }

  @Test
  void shouldIgnoreARecordWithoutItsInputsCoordinates() {
    assertThat(refusals.refused(new ProducerRecord<>("masks", null, 1L, new byte[0], new byte[0]),
        new RecordTooLargeException("too large"))).isFalse();
  }

  private static ProducerRecord<byte[], byte[]> output(RecordMetadata source, long timestamp) {
    return output("masks", source, timestamp);
  }

  private static ProducerRecord<byte[], byte[]> output(String topic, RecordMetadata source, long timestamp) {
    Headers headers = RefusedOutputs.sourceHeaders(source);
    return new ProducerRecord<>(topic, 0, timestamp, new byte[0], new byte[0], headers);
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
