package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.testkit.cli.CliRun;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
  @TempDir Path dir;

  @Test
  void shouldSayWhatIngestWillDoWithAFileAndHowManyChunksToExpect() throws Exception {
    Path file = dir.resolve("lossless.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, 10), 35, FootageWriter.Codec.FFV1, file);

    CliRun run = new CliRun();
    int exit = run.execute("probe", file.toString());

    assertThat(exit).isZero();
    String table = run.out.toString();
    assertThat(table).contains("container      matroska").contains("codec          ffv1").contains("size           96x64");
    assertThat(table).contains("10.000 nominal, 10.000 measured over 35 frames in 3.50 s");
    assertThat(table).contains("constant, 100.0 ms per frame");
    assertThat(table).contains("clock          source clock");
    assertThat(table).contains("stream copy: ffv1 travels in Matroska");
    assertThat(table).contains("chunks         4 of about 1.0 s");
  }

  @Test
  void shouldCountChunksOfSourceTimeForTheChunkLengthAsked() throws Exception {
    Path file = dir.resolve("lossless.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, 10), 35, FootageWriter.Codec.FFV1, file);

    CliRun run = new CliRun();
    run.execute("probe", "--chunk-seconds", "2", file.toString());

    assertThat(run.out.toString()).contains("chunks         2 of about 2.0 s");
  }

  @Test
  void shouldFailWithOneLineForAFileThatIsNotVideo() throws Exception {
    Path notes = java.nio.file.Files.writeString(dir.resolve("notes.avi"), "not a video");

    CliRun run = new CliRun();
    int exit = run.execute("probe", notes.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(run.err.toString()).contains("notes.avi").contains("not a readable video");
  }
}
