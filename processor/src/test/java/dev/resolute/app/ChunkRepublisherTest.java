package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ChunkRepublisherTest {
  private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final ChunkRepublisher republisher = new ChunkRepublisher(producer);

  @Test
  void shouldCountOnlyAcknowledgedSendsAndNameTheMissingWriteAcl() {
    assertThat(republisher.send("cam-1", new byte[] {1})).isTrue();
    assertThat(republisher.send("cam-2", new byte[] {2})).isTrue();
    producer.completeNext();
    producer.errorNext(new TopicAuthorizationException(Set.of("video-chunks")));

    assertThat(republisher.send("cam-3", new byte[] {3})).as("no more sends after a failure").isFalse();
    ChunkRepublisher.Tally tally = republisher.finish();

    assertThat(tally.acknowledged()).isEqualTo(1);
    assertThat(tally.failed()).isEqualTo(1);
    assertThat(tally.failure()).contains("not authorized to write video-chunks", "WRITE and DESCRIBE on Topic video-chunks");
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void shouldReportNoFailureWhenEverySendIsAcknowledged() {
    republisher.send("cam-1", new byte[] {1});
    producer.completeNext();

    assertThat(republisher.finish()).isEqualTo(new ChunkRepublisher.Tally(1, 0, null));
  }
}
