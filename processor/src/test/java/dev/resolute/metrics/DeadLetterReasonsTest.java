package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.metrics.DeadLetterReasons.Group;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterReasonsTest {

  @Test
  void shouldGroupTheSameCauseAcrossChunksAndCamerasAndKeepTheNumbersThatAgree() {
    List<Group> groups = DeadLetterReasons.group(List.of(
        "chunk 3 of camera cam-1: frame of 720x404 in a chunk declared 720x405",
        "chunk 4 of camera cam-1: frame of 720x404 in a chunk declared 720x405",
        "chunk 17 of camera lobby:2: frame of 720x404 in a chunk declared 720x405"));

    assertThat(groups).singleElement().satisfies(g -> {
      assertThat(g.reason()).isEqualTo("frame of 720x404 in a chunk declared 720x405");
      assertThat(g.count()).isEqualTo(3);
      assertThat(g.example()).isEqualTo("chunk 3 of camera cam-1: frame of 720x404 in a chunk declared 720x405");
    });
  }

  @Test
  void shouldShowNumbersThatDifferWithinAGroupAsN() {
    List<Group> groups = DeadLetterReasons.group(List.of(
        "chunk 0 of camera gate: decoded 0 of the 10 frames the chunk declares",
        "chunk 1 of camera gate: decoded 0 of the 10 frames the chunk declares",
        "chunk 2 of camera gate: decoded 0 of the 5 frames the chunk declares"));

    assertThat(DeadLetterReasons.counts(groups)).containsExactly(
        org.assertj.core.api.Assertions.entry("decoded 0 of the N frames the chunk declares", 3L));
  }

  @Test
  void shouldKeepDifferentCausesApartMostFrequentFirst() {
    List<Group> groups = DeadLetterReasons.group(List.of(
        "chunk 1 of camera a failed in processing: java.lang.IllegalStateException: model refused 8x8",
        "chunk 2 of camera a: chunk declares 0 frames",
        "chunk 3 of camera a: chunk declares 0 frames",
        "Error deserializing Avro message for id 12"));

    assertThat(groups).extracting(Group::reason).containsExactly(
        "chunk declares 0 frames",
        "Error deserializing Avro message for id 12",
        "failed in processing: java.lang.IllegalStateException: model refused 8x8");
    assertThat(groups).extracting(Group::count).containsExactly(2L, 1L, 1L);
  }

  @Test
  void shouldNotSplitAGroupOnObjectIdentityHashes() {
    List<Group> groups = DeadLetterReasons.group(List.of(
        "chunk 5 of camera a failed in processing: java.lang.IllegalStateException: closed session Session@1b2c3d4e",
        "chunk 6 of camera a failed in processing: java.lang.IllegalStateException: closed session Session@6f7a8b9c"));

    assertThat(groups).extracting(Group::reason)
        .containsExactly("failed in processing: java.lang.IllegalStateException: closed session Session@N");
  }

  @Test
  void shouldGiveNoGroupsForNoLetters() {
    assertThat(DeadLetterReasons.group(List.of())).isEmpty();
  }
}
