package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.cli.ExitCodes;
import dev.resolute.testkit.footage.CorruptFootage;
import dev.resolute.testkit.footage.SyntheticScene;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code resolute loadtest} on the embedded broker with a source the processor cannot decode. */
class LoadtestCommandIT {
  @TempDir Path dir;

  @Test
  void shouldExitNonZeroAndReportTheGroupedReasonsWhenEveryChunkIsDeadLettered() throws Exception {
    Path source = dir.resolve("damaged.mkv");
    CorruptFootage.write(new SyntheticScene(160, 120, 10), 30, source);
    Path report = dir.resolve("report");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new LoadtestCommand());
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute("--source", source.toString(), "--duration", "3", "--out", report.toString());

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.NOT_SEGMENTED);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(summary.get("framesIn").asLong()).isPositive();
    assertThat(summary.get("masks").asLong()).isZero();
    assertThat(summary.get("deadLetterFrames").asLong()).isEqualTo(summary.get("framesIn").asLong());
    JsonNode reasons = summary.get("deadLetterReasons");
    assertThat(reasons.size()).as("one cause, one group: %s", reasons).isEqualTo(1);
    String reason = reasons.fieldNames().next();
    assertThat(reason).doesNotContain("loadtest-damaged");
    assertThat(reasons.get(reason).asLong()).isEqualTo(summary.get("deadLetters").asLong()).isPositive();
    assertThat(out.toString()).contains("FAILED: nothing segmented").contains(" x " + reason)
        .contains("e.g. chunk 0 of camera loadtest-damaged: ");
  }
}
