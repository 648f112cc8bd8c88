package dev.resolute.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HolderSightingsTest {
  private static final String KEY = "resolute~eu-0";
  private static final long WATCH_START = 1_700_000_000_000L;

  private final HolderSightings sightings = new HolderSightings(KEY, "mine", WATCH_START);

  @Test
  void shouldTakeTwoRenewalsOfALiveHolderDuringTheWatchForAHolder() {
    assertThat(sightings.offer(KEY, "other pid 7 on a", WATCH_START + 300)).isNull();

    assertThat(sightings.offer(KEY, "other pid 7 on a", WATCH_START + 1_300)).isEqualTo(new LeaseValue("other", "pid 7 on a"));
  }

  @Test
  void shouldIgnoreTheLastRenewalsOfADeadHolderThatBecomeVisibleLate() {
    // killed just after these: a lagging follower held them back past the successor's end offset
    assertThat(sightings.offer(KEY, "dead pid 6", WATCH_START - 2_400)).isNull();
    assertThat(sightings.offer(KEY, "dead pid 6", WATCH_START - 1_400)).isNull();

    assertThat(sightings.offer(KEY, "dead pid 6", WATCH_START - 400)).as("only one renewal within the tolerated skew").isNull();
  }

  @Test
  void shouldNotTakeABurstOfCaughtUpRenewalsForTwo() {
    assertThat(sightings.offer(KEY, "other pid 7", WATCH_START - 300)).isNull();

    assertThat(sightings.offer(KEY, "other pid 7", WATCH_START - 250)).isNull();
    assertThat(sightings.offer(KEY, "other pid 7", WATCH_START + 200)).as("0.5 s after the first").isNotNull();
  }

  @Test
  void shouldTolerateAHolderWhoseClockIsBehindByLessThanTheSkew() {
    assertThat(sightings.offer(KEY, "other pid 7", WATCH_START - 900)).isNull();

    assertThat(sightings.offer(KEY, "other pid 7", WATCH_START + 100)).isNotNull();
  }

  @Test
  void shouldIgnoreOwnRenewalsOtherKeysAndStrayValues() {
    for (long t = WATCH_START; t < WATCH_START + 3_000; t += 1_000) {
      assertThat(sightings.offer(KEY, "mine pid 1", t)).isNull();
      assertThat(sightings.offer("resolute~eu-1", "other pid 2", t)).isNull();
      assertThat(sightings.offer(KEY, "garbage", t)).isNull();
      assertThat(sightings.offer(KEY, null, t)).isNull();
    }
  }

  @Test
  void shouldKeepTheNoncesApart() {
    assertThat(sightings.offer(KEY, "a pid 1", WATCH_START)).isNull();

    assertThat(sightings.offer(KEY, "b pid 2", WATCH_START + 1_000)).as("a second nonce is not a second renewal").isNull();
    assertThat(sightings.offer(KEY, "b pid 2", WATCH_START + 2_000)).isEqualTo(new LeaseValue("b", "pid 2"));
  }
}
