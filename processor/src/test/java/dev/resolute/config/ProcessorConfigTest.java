package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.control.ControlConfig;
import dev.resolute.control.Policy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {
  private static final Path STATE = Path.of("/tmp/state");
  private static final ControlConfig CONTROL = ControlConfig.defaults(Policy.ADAPTIVE);

  @Test
  void shouldNameTheKeyOfAMissingBootstrapServer() {
    assertThatThrownBy(() -> ProcessorConfig.local(" ", STATE))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("bootstrap.servers:");
  }

  @Test
  void shouldNameTheKeyOfABatchOutOfRange() {
    assertThatThrownBy(() -> new ProcessorConfig("k:9092", "resolute", STATE, 0, 1, (short) 1, Duration.ofMinutes(1), CONTROL))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("resolute.max.batch:");
  }

  @Test
  void shouldRefuseASlowestChunkBeyondTheBrokersTransactionLimit() {
    assertThatThrownBy(() -> new ProcessorConfig("k:9092", "resolute", STATE, 4, 1, (short) 1, Duration.ofMinutes(20), CONTROL))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("resolute.slowest.chunk:");
  }

  @Test
  void shouldRefuseAnApplicationIdKafkaCannotUseInTopicNames() {
    assertThatThrownBy(() -> new ProcessorConfig("k:9092", "my app", STATE, 4, 1, (short) 1, Duration.ofMinutes(1), CONTROL))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("application.id:");
  }

  @Test
  void shouldRaiseEveryMessageSizeLimitAndCoverTheSlowestChunkInStreamsProperties() {
    var props = ProcessorConfig.local("k:9092", STATE).streamsProperties();

    assertThat(props).containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("producer.max.request.size", 64 * 1024 * 1024)
        .containsEntry("consumer.max.partition.fetch.bytes", 64 * 1024 * 1024)
        .containsEntry("producer.transaction.timeout.ms", (int) Duration.ofMinutes(5).toMillis());
    assertThat((Integer) props.get("consumer.max.poll.interval.ms")).isGreaterThan((int) Duration.ofMinutes(5).toMillis());
  }
}
