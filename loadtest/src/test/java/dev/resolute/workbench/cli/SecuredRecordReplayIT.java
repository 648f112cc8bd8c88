package dev.resolute.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.workbench.record.ChunkRecording;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay} and {@code record} through a SASL_PLAINTEXT (SCRAM) listener, given {@code --kafka-config}. */
class SecuredRecordReplayIT {
  @TempDir Path dir;

  @Test
  void shouldReplayIntoAndRecordFromASecuredCluster() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("cameras"));
    FootageWriter.write(new SyntheticScene(96, 64, 10), 30, FootageWriter.Codec.H264, folder.resolve("gate.mkv"));
    String password = "pw-" + UUID.randomUUID();
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporaryWithScram("bob", password)) {
      StringBuilder text = new StringBuilder();
      kafka.clientProperties().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Path config = Files.writeString(dir.resolve("client.properties"), text);
      String[] secured = {"--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", config.toString()};
      StringWriter out = new StringWriter();

      int replayed = command(new ReplayCommand(), out).execute(concat(secured, "--folder", folder.toString(), "--speed", "max"));
      Path recording = dir.resolve("traffic.avro");
      int recorded = command(new RecordCommand(), out).execute(concat(secured, "--out", recording.toString()));

      assertThat(replayed).as(out.toString()).isZero();
      assertThat(recorded).as(out.toString()).isZero();
      List<VideoChunk> chunks = ChunkRecording.read(recording);
      assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.getCameraId()).isEqualTo("gate"));
      assertThat(chunks.stream().mapToLong(VideoChunk::getFrameCount).sum()).isEqualTo(30);
      // sent verbatim at --speed max, a folder's chunks still carry wall-clock capture times, not media time (1970)
      long hourAgo = System.currentTimeMillis() - 3_600_000;
      assertThat(chunks).allSatisfy(c -> assertThat(c.getCaptureTimeMs()).isGreaterThan(hourAgo));
      assertThat(out.toString()).doesNotContain(password);
    }
  }

  private static CommandLine command(Object command, StringWriter out) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli;
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
