package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StableTransactionalIdsTest {
  private final StableTransactionalIds ids = new StableTransactionalIds("resolute", "pod-0");

  @Test
  void shouldGiveTwoStartsOfOneInstanceTheSameTransactionalId() {
    String first = ids.rewrite("resolute-" + UUID.randomUUID() + "-1");
    String second = ids.rewrite("resolute-" + UUID.randomUUID() + "-1");

    assertThat(first).isEqualTo(second).isEqualTo("resolute~pod-0~1");
  }

  @Test
  void shouldKeepThreadsApart() {
    UUID process = UUID.randomUUID();

    assertThat(ids.rewrite("resolute-" + process + "-2")).isEqualTo("resolute~pod-0~2");
  }

  @Test
  void shouldKeepInstancesApart() {
    String streamsId = "resolute-" + UUID.randomUUID() + "-1";

    assertThat(new StableTransactionalIds("resolute", "pod-1").rewrite(streamsId)).isNotEqualTo(ids.rewrite(streamsId));
  }

  @Test
  void shouldGiveIdsTheFencerParsesBackToTheSameInstanceAndThread() {
    StableTransactionalIds dashed = new StableTransactionalIds("resolute-eu", "eu-west-1-0");

    String id = dashed.rewrite("resolute-eu-" + UUID.randomUUID() + "-3");

    assertThat(InstanceTransactionalId.parse("resolute-eu", id)).contains(new InstanceTransactionalId("resolute-eu", "eu-west-1-0", 3));
    assertThat(InstanceTransactionalId.parse("resolute", id)).isEmpty();
  }

  @Test
  void shouldRefuseAnIdKafkaStreamsNoLongerFormsThisWay() {
    assertThatThrownBy(() -> ids.rewrite("resolute-" + UUID.randomUUID() + "-StreamThread-1-producer"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unexpected transactional.id");
    assertThatThrownBy(() -> ids.rewrite("other-" + UUID.randomUUID() + "-1"))
        .isInstanceOf(IllegalStateException.class);
  }
}
