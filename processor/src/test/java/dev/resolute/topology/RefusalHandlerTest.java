package dev.resolute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;

/** A broker going away must still be waited out as Kafka Streams' default handler does, not end the thread. */
class RefusalHandlerTest {
  private final RefusalHandler handler = new RefusalHandler();

  @Test
  void shouldRetryWhatIsRetriableAndFailWhatIsNeitherRetriableNorARefusal() {
    handler.configure(Map.of(RefusedOutputs.CONFIG, new RefusedOutputs()));
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("masks", new byte[0], new byte[0]);

    assertThat(handler.handleError(null, record, new NotEnoughReplicasException("broker restarting")).result())
        .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(handler.handleError(null, record, new TopicAuthorizationException("no ACL")).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void shouldRefuseToStartWithoutTheProcessorsRefusedOutputs() {
    assertThatThrownBy(() -> handler.configure(Map.of())).hasMessageContaining(RefusedOutputs.CONFIG);
  }
}
