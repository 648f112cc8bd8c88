package dev.resolute.profile;

import dev.resolute.model.RgbSegmenterModel;
import java.util.ArrayList;
import java.util.List;

/** Profiles with known figures, for the tests that read them back. */
public final class TestProfiles {
  private TestProfiles() {}

  /** A profile of the generated model at 64x48: bilinear costs 40, 30, 20, 10 ms, nearest a tenth less. */
  public static ModelProfile generatedAt64x48(List<Double> fractions) {
    List<ProfileRow> rows = new ArrayList<>();
    for (String method : List.of("bilinear", "nearest")) {
      for (int level = 0; level < fractions.size(); level++) {
        double ms = (40 - 10 * level) * (method.equals("nearest") ? 0.9 : 1);
        double agreement = 1 - 0.05 * level;
        rows.add(new ProfileRow(method, level, fractions.get(level), 64, 48, 0.1, 1, 1, 1, 1, ms / 2, ms / 2, 1, 1, 1, 1, ms,
            ms * 1.5, 1000 / ms, null, null, agreement, 0.01));
      }
    }
    return new ModelProfile(RgbSegmenterModel.ID, "key", "OnnxRuntime", "cpu", "clip.mkv", 64, 48, 4, "agreement",
        "2026-01-01", List.of("bilinear", "nearest"), rows);
  }

}
