package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.inference.UpsampleChooser.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpsampleChooserTest {

  @Test
  void shouldAlternateUntilEachSiteHasItsTrialsThenKeepTheFasterOne() {
    UpsampleChooser chooser = new UpsampleChooser(null);
    List<Site> tried = new ArrayList<>();
    for (int i = 0; i < 2 * UpsampleChooser.TRIALS; i++) {
      Site site = chooser.next(90, 160, 720, 1280, () -> true);
      tried.add(site);
      chooser.record(90, 160, 720, 1280, site, site == Site.GRAPH ? 5.0 + i : 3.0 + i);
    }

    assertThat(tried).containsOnly(Site.GRAPH, Site.JAVA);
    assertThat(tried.stream().filter(s -> s == Site.GRAPH)).hasSize(UpsampleChooser.TRIALS);
    assertThat(chooser.next(90, 160, 720, 1280, () -> true)).isEqualTo(Site.JAVA);
    // another size is measured on its own
    assertThat(chooser.next(180, 320, 720, 1280, () -> true)).isEqualTo(Site.GRAPH);
  }

  @Test
  void shouldKeepTheGraphWhenItsBestRunIsFaster() {
    UpsampleChooser chooser = new UpsampleChooser(null);
    for (int i = 0; i < 2 * UpsampleChooser.TRIALS; i++) {
      Site site = chooser.next(90, 160, 720, 1280, () -> true);
      // the graph's first run paid for a new shape; its best is still the faster
      chooser.record(90, 160, 720, 1280, site, site == Site.GRAPH ? (i == 0 ? 50.0 : 2.0) : 3.0);
    }

    assertThat(chooser.next(90, 160, 720, 1280, () -> true)).isEqualTo(Site.GRAPH);
  }

  @Test
  void shouldNotAskForTheGraphWhenFixedToJava() {
    int[] asked = {0};
    Site site = new UpsampleChooser(Site.JAVA).next(90, 160, 720, 1280, () -> ++asked[0] > 0);

    assertThat(site).isEqualTo(Site.JAVA);
    assertThat(asked[0]).as("times the tailed graph was asked for (each ask may load a session)").isZero();
  }

  @Test
  void shouldUseJavaWhenTheGraphPathIsMissingAndTheFixedSiteOtherwise() {
    assertThat(new UpsampleChooser(null).next(90, 160, 720, 1280, () -> false)).isEqualTo(Site.JAVA);
    assertThat(new UpsampleChooser(Site.GRAPH).next(90, 160, 720, 1280, () -> true)).isEqualTo(Site.GRAPH);
    assertThat(new UpsampleChooser(Site.JAVA).next(90, 160, 720, 1280, () -> true)).isEqualTo(Site.JAVA);
  }
}
