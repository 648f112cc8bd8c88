package dev.resolute.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {
  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  private final ThrottledWarning warning = new ThrottledWarning(Duration.ofMinutes(1), clock, warnings::add, infos::add);

  @Test
  void shouldWarnAtOnceThenOncePerPeriodWithTheCountOfFailuresInBetween() {
    for (int pass = 0; pass < 30; pass++) { // a minute of passes every 2 s
      warning.failed("no ACL");
      clock.advance(2_000);
    }
    warning.failed("no ACL");

    assertThat(warnings).containsExactly("no ACL", "no ACL (29 more failures since the last warning)");
  }

  @Test
  void shouldSayOnceWhenItWorksAgainAndWarnAtOnceAtTheNextFailure() {
    warning.failed("away");
    warning.succeeded("back");
    warning.succeeded("back");
    warning.failed("away");

    assertThat(infos).containsExactly("back");
    assertThat(warnings).containsExactly("away", "away");
  }
}
