package dev.resolute.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CameraIdsTest {
  @Test
  void namesOperatorsGiveCamerasAreValid() {
    assertThat(CameraIds.valid("lobby-cam-3")).isTrue();
    assertThat(CameraIds.valid("site_1.entrance")).isTrue();
    // names that break a JavaScript object keyed by id are still names: the viewer copes with them
    assertThat(CameraIds.valid("constructor")).isTrue();
    assertThat(CameraIds.valid("__proto__")).isTrue();
    assertThat(CameraIds.valid("a".repeat(CameraIds.MAX_LENGTH))).isTrue();
  }

  @Test
  void payloadsAreRefusedWithAReason() {
    assertThat(CameraIds.problem("a".repeat(100_000))).hasValueSatisfying(r -> assertThat(r).contains("100000 characters"));
    assertThat(CameraIds.valid("")).isFalse();
    assertThat(CameraIds.valid(null)).isFalse();
    assertThat(CameraIds.valid("<img src=x onerror=alert(1)>")).isFalse();
    assertThat(CameraIds.valid("../../etc/passwd")).isFalse();
    assertThat(CameraIds.valid("-rf")).isFalse();
    assertThat(CameraIds.valid("cam\nFAKE LOG LINE")).isFalse();
    assertThat(CameraIds.valid("cam 1")).isFalse();
    assertThatThrownBy(() -> CameraIds.require("x\"y")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printableEscapesControlCharactersAndCapsLength() {
    String shown = CameraIds.printable("cam\nFAKE" + "x".repeat(1000));
    assertThat(shown).doesNotContain("\n").contains("\\u000a").endsWith("(1008 chars)");
  }
}
