package dev.resolute.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlConfigTest {

  @Test
  void shouldOverrideDefaultsFromSettings() {
    ControlConfig config = ControlConfig.from(Map.of(ControlConfig.HIGH_WATER, "2.5", ControlConfig.COOL_DOWN, "3000",
        ControlConfig.POLICY, "fixed"));

    assertThat(config.highWaterSeconds()).isEqualTo(2.5);
    assertThat(config.coolDown()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.policy()).isEqualTo(Policy.FIXED);
    assertThat(config.maxStride()).isEqualTo(ControlConfig.defaults(Policy.FIXED).maxStride());
  }

  @Test
  void shouldNameTheKeyOfAValueThatIsNotANumber() {
    assertThatThrownBy(() -> ControlConfig.from(Map.of(ControlConfig.MAX_STRIDE, "lots")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(ControlConfig.MAX_STRIDE);
  }

  @Test
  void shouldRejectAnUnknownControlKeyInsteadOfIgnoringATypo() {
    assertThatThrownBy(() -> ControlConfig.from(Map.of("resolute.control.high.watermark", "2")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("resolute.control.high.watermark").hasMessageContaining("unknown");
  }

  @Test
  void shouldRejectAnUnknownPolicyByKeyName() {
    assertThatThrownBy(() -> ControlConfig.from(Map.of(ControlConfig.POLICY, "greedy")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(ControlConfig.POLICY);
  }

  @Test
  void shouldBoundWarmUpsFromSettingsAndNameTheKeyOfANegativeCount() {
    ControlConfig config = ControlConfig.from(Map.of(ControlConfig.WARM_UP_MAX_SIZES, "4", ControlConfig.WARM_UP_INTERVAL, "2500"));

    assertThat(config.warmUp()).isEqualTo(new WarmUpLimits(4, Duration.ofMillis(2500)));
    assertThat(ControlConfig.defaults(Policy.ADAPTIVE).withCostCacheDir("none").warmUp()).isEqualTo(WarmUpLimits.DEFAULTS);
    assertThatThrownBy(() -> ControlConfig.from(Map.of(ControlConfig.WARM_UP_MAX_SIZES, "-1")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(ControlConfig.WARM_UP_MAX_SIZES);
  }
}
