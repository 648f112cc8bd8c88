package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstanceTransactionalIdTest {
  @Test
  void shouldParseIdsWhoseApplicationAndInstanceContainDashesBackToTheirParts() {
    InstanceTransactionalId id = new InstanceTransactionalId("resolute-eu-2", "pod-3-1", 12);

    assertThat(id.toString()).isEqualTo("resolute-eu-2~pod-3-1~12");
    assertThat(InstanceTransactionalId.parse("resolute-eu-2", id.toString())).contains(id);
  }

  @Test
  void shouldNotTakeAnotherApplicationWhoseIdStartsWithThisOnesForItsOwn() {
    String eu = new InstanceTransactionalId("resolute-eu", "eu-0", 1).toString();
    String chaos = new InstanceTransactionalId("resolute-chaos", "chaos-0", 1).toString();

    assertThat(InstanceTransactionalId.parse("resolute", eu)).isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", chaos)).isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute-eu", eu)).isPresent();
  }

  @Test
  void shouldNotParseIdsOfOtherSchemes() {
    assertThat(InstanceTransactionalId.parse("resolute", "resolute-x-0")).as("a plain producer's").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute-" + UUID.randomUUID() + "-1"))
        .as("Kafka Streams' own, an instance without an instance id").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute-demo-1a2b3c4d-" + UUID.randomUUID() + "-1")).as("the demo's").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute-pod-0-1")).as("the format before").isEmpty();
  }

  @Test
  void shouldRefuseMalformedIdsOfThisApplication() {
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~pod-0")).as("no thread").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~~1")).as("no instance").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~a~b~1")).as("a separator in the instance").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~pod-0~0")).as("thread 0: Kafka Streams counts from 1").isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~pod-0~-1")).isEmpty();
    assertThat(InstanceTransactionalId.parse("resolute", "resolute~pod-0~99999999999")).as("beyond an int").isEmpty();
  }

  @Test
  void shouldRefuseToFormAnIdThatWouldNotParseBack() {
    assertThatThrownBy(() -> new InstanceTransactionalId("resolute", "a~b", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InstanceTransactionalId("resolute", "pod-0", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
