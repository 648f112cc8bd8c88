package dev.resolute.app;

import static dev.resolute.app.FencingRule.Verdict.DEAD_INSTANCE;
import static dev.resolute.app.FencingRule.Verdict.RETIRED_THREAD;
import static dev.resolute.app.FencingRule.Verdict.SPARE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FencingRuleTest {
  private static final long NOW = 1_000_000;
  private static final OptionalLong OPEN_20_S = OptionalLong.of(NOW - 20_000);
  private static final OptionalLong OPEN_5_S = OptionalLong.of(NOW - 5_000);
  private final FencingRule rule = new FencingRule("resolute", "pod-0", 2, Duration.ofSeconds(8));

  @Test
  void shouldFenceAnotherInstanceOfThisApplicationThatLeftTheGroupOnceOpenLongerThanASessionTimeout() {
    assertThat(rule.judge("resolute~pod-1~1", OPEN_20_S, NOW, Set.of("pod-0"), false)).isEqualTo(DEAD_INSTANCE);
    assertThat(rule.judge("resolute~pod-1~1", OPEN_5_S, NOW, Set.of("pod-0"), false)).isEqualTo(SPARE);
    assertThat(rule.judge("resolute~pod-1~1", OptionalLong.empty(), NOW, Set.of("pod-0"), false)).isEqualTo(SPARE);
  }

  @Test
  void shouldSpareALiveMemberHoweverLongItsTransaction() {
    assertThat(rule.judge("resolute~pod-1~1", OPEN_20_S, NOW, Set.of("pod-0", "pod-1"), false)).isEqualTo(SPARE);
  }

  @Test
  void shouldNeverFenceAnotherApplicationsOrAnUnnamedInstancesOrAPlainProducersIds() {
    for (String id : new String[] {"resolute-eu~eu-0~1", "resolute-eu-eu-0-1", "resolute-chaos~chaos-0~1", "resolute-x-0",
        "resolute-" + UUID.randomUUID() + "-1", "resolute-demo-1a2b3c4d-" + UUID.randomUUID() + "-1", "other~pod-1~1"}) {
      assertThat(rule.candidate(id)).as(id).isFalse();
      assertThat(rule.judge(id, OPEN_20_S, NOW, Set.of(), true)).as(id).isEqualTo(SPARE);
    }
  }

  @Test
  void shouldFenceItsOwnIdsOfThreadsItNoLongerRunsOnItsFirstPassOnly() {
    assertThat(rule.judge("resolute~pod-0~3", OPEN_5_S, NOW, Set.of(), true)).isEqualTo(RETIRED_THREAD);
    assertThat(rule.judge("resolute~pod-0~2", OPEN_20_S, NOW, Set.of(), true)).as("its own thread").isEqualTo(SPARE);
    assertThat(rule.judge("resolute~pod-0~1", OPEN_20_S, NOW, Set.of(), false)).isEqualTo(SPARE);
    assertThat(rule.judge("resolute~pod-0~3", OPEN_20_S, NOW, Set.of(), false))
        .as("later: only another live process under this id, which a fence every pass would fight").isEqualTo(SPARE);
  }

  @Test
  void shouldNeverFenceAnIdOfTheFormatBeforeNotEvenItsOwnOnItsFirstPass() {
    // resolute-pod-0-1: resolute's pod-0, thread 1, or resolute-pod's instance 0, thread 1, maybe live
    for (String id : new String[] {"resolute-pod-0-1", "resolute-pod-0-7", "resolute-pod-1-1"}) {
      assertThat(rule.candidate(id)).as(id).isFalse();
      assertThat(rule.judge(id, OPEN_20_S, NOW, Set.of(), true)).as(id).isEqualTo(SPARE);
    }
  }
}
