package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.cli.ExitCodes;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.cli.CliRun;
import dev.resolute.testkit.footage.CorruptFootage;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.sources.LiveSource;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolute demo} end to end, as a user runs it, against a real broker. */
class DemoCommandIT {
  private static KafkaCluster kafka;
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  @BeforeAll
  static void startKafka() {
    kafka = KafkaTestCluster.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void shouldFailWithTheGroupedReasonsWhenEveryChunkIsDeadLettered() throws Exception {
    Path source = dir.resolve("damaged.mkv");
    CorruptFootage.write(new SyntheticScene(160, 120, 10), 25, source); // chunks of 10, 10 and 5 frames
    Path out = dir.resolve("out");

    int code = cli.execute("demo", "--source", source.toString(), "--camera-id", "damaged", "--speed", "max",
        "--bootstrap-servers", kafka.bootstrapServers(), "--out", out.toString());

    assertThat(code).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.NOT_SEGMENTED);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("framesIn").asLong()).isEqualTo(25);
    assertThat(summary.get("masksOut").asLong()).isZero();
    assertThat(summary.get("deadLetters").asLong()).isEqualTo(3);
    JsonNode reasons = summary.get("deadLetterReasons");
    assertThat(reasons.size()).as("one cause, one group: %s", reasons).isEqualTo(1);
    String reason = reasons.fieldNames().next();
    assertThat(reason).doesNotContain("chunk 0", "damaged");
    assertThat(reasons.get(reason).asLong()).isEqualTo(3);
    assertThat(cli.out.toString())
        .contains("FAILED: nothing segmented (25 frames in, 0 masks out)")
        .contains("    3 x " + reason)
        .containsPattern("e\\.g\\. chunk \\d of camera damaged: ");
  }

  @Test
  void shouldSegmentALiveCameraGivenByItsUrlForTheDuration() throws Exception {
    Path out = dir.resolve("out");
    int code;
    try (LiveSource camera = LiveSource.rtsp()) {
      code = cli.execute("demo", "--source", camera.url(), "--duration", "5", "--camera-id", "live",
          "--bootstrap-servers", kafka.bootstrapServers(), "--out", out.toString());
    }

    assertThat(code).as(cli.out + "\n" + cli.err).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("source").asText()).startsWith("rtsp://127.0.0.1:");
    assertThat(summary.get("ingestMode").asText()).isEqualTo("LIVE");
    assertThat(summary.get("sourceWidth").asInt()).isEqualTo(320);
    assertThat(summary.get("masksOut").asLong()).isPositive();
    assertThat(summary.get("framesIn").asLong())
        .isEqualTo(summary.get("masksOut").asLong() + summary.get("framesSkipped").asLong());
    assertThat(summary.get("deadLetterReasons").size()).isZero();
  }
}
