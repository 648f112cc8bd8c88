package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.profile.ModelProfile;
import dev.resolute.profile.ProfileRow;
import dev.resolute.testkit.cli.CliRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCommandTest {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  @Test
  void shouldWriteTheTradeOffOfEveryLevelAndMethodOnLabelledGeneratedFootage() throws Exception {
    Path model = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();
    Path out = dir.resolve("out");

    int code = cli.execute("profile", "--model", model.toString(), "--source", "generated:160x120", "--frames", "4",
        "--device", "cpu", "--out", out.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    ModelProfile profile = ModelProfile.read(out.resolve("profile.json"));
    assertThat(profile.qualityKind()).isEqualTo("miou");
    assertThat(profile.upsampleMethods()).containsExactly("bilinear", "bicubic", "nearest");
    List<ProfileRow> bilinear = profile.rowsOf("bilinear");
    assertThat(bilinear).extracting(ProfileRow::width).containsExactly(160, 120, 80, 40);
    assertThat(bilinear).extracting(ProfileRow::gflops).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(bilinear.get(0).miou()).as("level 0 against the labels").isGreaterThan(0.9);
    assertThat(bilinear.get(0).agreement()).as("level 0 agrees with itself").isEqualTo(1.0);
    assertThat(bilinear).allSatisfy(r -> {
      // timed, not left at 0 or NaN (which order they come in is the machine's business, not a test's)
      assertThat(r.endToEndP50Ms()).isPositive().isFinite();
      assertThat(r.endToEndP95Ms()).isPositive().isFinite();
    });
    assertThat(Files.readString(out.resolve("profile.md"))).contains("## Upsampling methods against bilinear");
    assertThat(Files.readAllLines(out.resolve("profile.csv"))).hasSize(1 + 4 * 3);
    BufferedImage plot = ImageIO.read(out.resolve("profile.png").toFile());
    assertThat(plot.getWidth()).isGreaterThan(600);
    assertThat(model.resolve("profile.json")).as("kept beside the model for run").exists();
  }

  @Test
  void shouldLeaveQualityEmptyWhenToldAndMeasureOnlyTheLevelsAsked() throws Exception {
    Path model = RgbSegmenterModel.writeTo(dir.resolve("model")).getParent();
    Path out = dir.resolve("out");

    int code = cli.execute("profile", "--model", model.toString(), "--source", "generated:160x120", "--frames", "2",
        "--levels", "1,0.5", "--upsample", "nearest", "--no-quality", "--device", "cpu", "--out", out.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    ModelProfile profile = ModelProfile.read(out.resolve("profile.json"));
    assertThat(profile.qualityKind()).isEqualTo("none");
    assertThat(profile.rows()).extracting(ProfileRow::fraction).containsExactly(1.0, 0.5);
    assertThat(profile.rows()).allSatisfy(r -> assertThat(r.quality()).isNull());
    assertThat(model.resolve("profile.json")).as("not the model's ladder: not one run could start from").doesNotExist();
  }

  @Test
  void shouldRefuseAnUnknownUpsamplingMethod() {
    int code = cli.execute("profile", "--model", "generated", "--source", "generated", "--upsample", "lanczos",
        "--out", dir.resolve("out").toString());

    assertThat(code).isNotZero();
    assertThat(dir.resolve("out")).as("refused before any work").doesNotExist();
    assertThat(cli.err.toString()).contains("upsample must be bilinear, bicubic or nearest, got 'lanczos'");
  }
}
