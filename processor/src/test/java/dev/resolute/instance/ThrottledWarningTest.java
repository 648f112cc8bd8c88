package dev.resolute.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {
  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final ThrottledWarning warning = new ThrottledWarning(Duration.ofMinutes(1), new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }, warnings::add, infos::add);

  @Test
  void shouldWarnAtOnceThenOncePerPeriodWithTheCountOfFailuresInBetween() {
    for (int pass = 0; pass < 30; pass++) { // a minute of passes every 2 s
      warning.failed("no ACL");
      now = now.plusSeconds(2);
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
