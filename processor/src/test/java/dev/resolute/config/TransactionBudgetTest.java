package dev.resolute.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionBudgetTest {
  private static final Duration BROKER_DEFAULT = Duration.ofMinutes(15);

  @Test
  void shouldCoverTheSlowestChunkOfEveryTaskAThreadMayOwn() {
    TransactionBudget budget = TransactionBudget.of(Duration.ofSeconds(60), 6, 1, BROKER_DEFAULT);

    assertThat(budget.tasksPerThread()).isEqualTo(6);
    assertThat(budget.transactionTimeoutMs()).isEqualTo(6 * 60_000 + 30_000);
    assertThat(budget.maxPollIntervalMs()).isEqualTo(2 * (6 * 60_000 + 30_000));
  }

  @Test
  void shouldShareThePartitionsAmongThreadsRoundingUp() {
    assertThat(TransactionBudget.of(Duration.ofSeconds(60), 7, 2, BROKER_DEFAULT).tasksPerThread()).isEqualTo(4);
    assertThat(TransactionBudget.of(Duration.ofSeconds(60), 2, 4, BROKER_DEFAULT).tasksPerThread()).isEqualTo(1);
  }

  @Test
  void shouldRefuseATransactionLongerThanTheBrokerAcceptsNamingTheKey() {
    // 5 min x 6 tasks: the old default against the old default partition count
    assertThatThrownBy(() -> TransactionBudget.of(Duration.ofMinutes(5), 6, 1, BROKER_DEFAULT))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("resolute.slowest.chunk:")
        .hasMessageContaining("transaction.max.timeout.ms");
  }

  @Test
  void shouldAcceptWhatABrokerWithAHigherMaximumAccepts() {
    TransactionBudget budget = TransactionBudget.of(Duration.ofMinutes(5), 6, 1, Duration.ofHours(1));

    assertThat(budget.transactionTimeoutMs()).isEqualTo(30 * 60_000 + 30_000);
  }
}
