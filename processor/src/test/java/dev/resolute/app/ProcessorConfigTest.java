package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.config.ConfigException;
import dev.resolute.config.TransactionBudget;
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
  void shouldNameTheKeyOfAClockSkewBeyondWhatTheBrokersTakeAhead() {
    assertThat(ProcessorConfig.local("k:9092", STATE).maxClockSkew()).isEqualTo(ProcessorConfig.DEFAULT_MAX_CLOCK_SKEW);
    assertThatThrownBy(() -> ProcessorConfig.local("k:9092", STATE).withMaxClockSkew(Duration.ofHours(2)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("resolute.max.clock.skew:");
    assertThatThrownBy(() -> ProcessorConfig.local("k:9092", STATE).withMaxClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("resolute.max.clock.skew:");
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
  void shouldRaiseEveryMessageSizeLimitAndTakeTimeoutsFromTheBudgetInStreamsProperties() {
    ProcessorConfig config = ProcessorConfig.local("k:9092", STATE);
    TransactionBudget budget = config.transactionBudget(6, Duration.ofMinutes(15));

    var props = config.streamsProperties(budget);

    assertThat(props).containsEntry("processing.guarantee", "exactly_once_v2")
        // a dead letter carries a whole chunk at the limit, and the producer's buffer must hold it
        .containsEntry("producer.max.request.size", 66 * 1024 * 1024)
        .containsEntry("producer.buffer.memory", 2L * 66 * 1024 * 1024)
        .containsEntry("consumer.max.partition.fetch.bytes", 64 * 1024 * 1024)
        .containsEntry("producer.transaction.timeout.ms", budget.transactionTimeoutMs())
        .containsEntry("consumer.max.poll.interval.ms", budget.maxPollIntervalMs());
  }

  @Test
  void shouldJoinAsAStaticMemberOnlyWithAnInstanceId() {
    ProcessorConfig config = ProcessorConfig.local("k:9092", STATE);
    TransactionBudget budget = config.transactionBudget(2, Duration.ofMinutes(15));

    assertThat(config.streamsProperties(budget)).doesNotContainKey("main.consumer.group.instance.id");
    assertThat(config.withInstanceId("pod-0").streamsProperties(budget)).containsEntry("main.consumer.group.instance.id", "pod-0");
  }

  @Test
  void shouldNameTheKeyOfAnInstanceIdKafkaCannotUse() {
    assertThatThrownBy(() -> ProcessorConfig.local("k:9092", STATE).withInstanceId("pod 0"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("group.instance.id:");
  }

  @Test
  void shouldKeepTheInstanceIdAcrossOtherChanges() {
    ProcessorConfig config = ProcessorConfig.local("k:9092", STATE).withInstanceId("pod-0")
        .withApplicationId("other").withControl(ControlConfig.defaults(Policy.FIXED));

    assertThat(config.instanceId()).isEqualTo("pod-0");
  }
}
