package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.app.ProcessorConfig;
import dev.resolute.testkit.broker.SingleNodeSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The processor's transaction budget against what the embedded broker (testkit) allows. */
class SingleNodeSettingsTest {

  @Test
  void shouldLetOneStreamThreadOwn32CamerasAtTheDefaultSlowestChunk() {
    Duration allowed = transactionMaximum();

    // what loadtest --cameras 32 asks of its own broker: 32 partitions, one thread
    TransactionBudget budget = TransactionBudget.of(ProcessorConfig.DEFAULT_SLOWEST_CHUNK, 32, 1, allowed);

    assertThat(budget.transactionTimeoutMs()).isEqualTo(32 * 60_000 + 30_000);
    // the same run against a broker on Kafka's default is refused at start-up, as it was on this one
    assertThatThrownBy(() -> TransactionBudget.of(ProcessorConfig.DEFAULT_SLOWEST_CHUNK, 32, 1,
        TransactionBudget.DEFAULT_BROKER_MAXIMUM)).isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldStillBoundTransactionsSoAStuckOneIsAbortedEventually() {
    Duration allowed = transactionMaximum();

    assertThatThrownBy(() -> TransactionBudget.of(ProcessorConfig.DEFAULT_SLOWEST_CHUNK, 200, 1, allowed))
        .isInstanceOf(ConfigException.class).hasMessageContaining("transaction.max.timeout.ms");
  }

  private static Duration transactionMaximum() {
    return Duration.ofMillis(Long.parseLong(SingleNodeSettings.of("/data", "127.0.0.1:1").get("transaction.max.timeout.ms")));
  }
}
