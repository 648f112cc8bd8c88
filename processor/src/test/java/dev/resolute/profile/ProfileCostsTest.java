package dev.resolute.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.model.RgbSegmenterModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCostsTest {
  @TempDir Path dir;

  @Test
  void shouldGiveTheModelsOwnMethodsCostsAndQualityForTheProfiledSizeOnly() throws Exception {
    TestProfiles.generatedAt64x48(List.of(1.0, 0.75, 0.5, 0.25)).write(dir.resolve("profile.json"));

    ProfileCosts costs = ProfileCosts.find(null, dir, RgbSegmenterModel.descriptor());

    assertThat(costs.costsFor(64, 48)).containsExactly(40, 30, 20, 10);
    assertThat(costs.qualityFor(64, 48)).containsExactly(1.0, 0.95, 0.9, 0.85);
    assertThat(costs.costsFor(640, 480)).as("another source size warms up as before").isNull();
  }

  @Test
  void shouldRefuseANamedProfileOfAnotherLadder() throws Exception {
    Path file = dir.resolve("elsewhere.json");
    TestProfiles.generatedAt64x48(List.of(1.0, 0.5)).write(file);

    assertThatThrownBy(() -> ProfileCosts.find(file, dir, RgbSegmenterModel.descriptor()))
        .hasMessage("the profile's levels [1.0, 0.5] are not model rgb-segmenter's ladder [1.0, 0.75, 0.5, 0.25]: "
            + "profile it again without --levels");
  }

  @Test
  void shouldHaveNoCostsWithoutAProfile() {
    assertThat(ProfileCosts.find(null, dir, RgbSegmenterModel.descriptor()).costsFor(64, 48)).isNull();
  }
}
