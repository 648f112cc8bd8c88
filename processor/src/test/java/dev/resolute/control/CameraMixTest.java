package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraMixTest {

  @Test
  void shouldGiveEachCameraItsShareOfTheRecentChunks() {
    CameraMix mix = new CameraMix(4);
    mix.saw("a");
    mix.saw("b");
    mix.saw("a");
    mix.saw("a");

    assertThat(mix.share("a")).isEqualTo(0.75);
    assertThat(mix.share("b")).isEqualTo(0.25);
  }

  @Test
  void shouldForgetChunksOutsideTheWindow() {
    CameraMix mix = new CameraMix(2);
    mix.saw("a");
    mix.saw("b");
    mix.saw("b");

    assertThat(mix.share("a")).isZero();
    assertThat(mix.share("b")).isEqualTo(1.0);
  }

  @Test
  void shouldTreatAnEmptyWindowAsTheCameraAlone() {
    assertThat(new CameraMix(8).share("a")).isEqualTo(1.0);
  }
}
