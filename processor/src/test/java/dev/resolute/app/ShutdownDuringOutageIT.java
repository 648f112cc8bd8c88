package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import dev.resolute.testkit.process.ProcessorProcess;
import dev.resolute.testkit.traffic.CommittedOutputWatch;
import dev.resolute.testkit.traffic.PacedCameras;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM to {@code run} while its broker is gone and a backlog of chunks is still being inferred
 * (shadow frames included: the adaptive policy runs them). The stream thread cannot commit, so a
 * clean stop is impossible; the process must still exit within a bound, without a native crash
 * (ONNX Runtime torn down at exit under a running inference ended in SIGBUS) and without a screen
 * of reconnect warnings.
 */
class ShutdownDuringOutageIT {
  private static final Logger log = LoggerFactory.getLogger(ShutdownDuringOutageIT.class);
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
  private static final int NETWORK_WARNINGS_AT_MOST = 5;
  private static final Path LOG = Path.of("target", "ShutdownDuringOutageIT-processor.log");

  @TempDir Path dir;

  @Test
  void shouldExitWithinTheBoundWithoutACrashOrAFloodOfWarningsWhenStoppedDuringABrokerOutage() throws Exception {
    Files.deleteIfExists(LOG);
    List<VideoChunk> clip = clip();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        TopicSetup.ensure(admin, 2, (short) 1);
      }
      try (ProcessorProcess processor = ProcessorProcess.start(List.of("--bootstrap-servers", broker.bootstrapServers(),
          "--application-id", "resolute-outage", "--instance-id", "outage-0", "--partitions", "2", "--slowest-chunk-seconds", "10",
          "--device", "cpu", "--state-dir", dir.resolve("state").toString()), dir.resolve("cache"), LOG)) {
        assertThat(processor.awaitRunning(Duration.ofMinutes(2))).as("processing").isTrue();
        try (CommittedOutputWatch outputs = new CommittedOutputWatch(broker.bootstrapServers());
            PacedCameras cameras = new PacedCameras(broker.bootstrapServers(), clip, Duration.ofMillis(20), 2)) {
          long started = System.nanoTime();
          await("masks out").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
              .until(() -> outputs.firstSeenAfter(Topics.MASKS, 0, started).isPresent()
                  || outputs.firstSeenAfter(Topics.MASKS, 1, started).isPresent());
          cameras.stop(); // a backlog the processor is still working through when the broker goes
        }
        broker.kill();
        Thread.sleep(1_000);
        long before = Files.readString(LOG).lines().count();

        // SIGTERM through the process handle: Process.destroy() also closes this side's pipes, and
        // what the processor says while it stops would be lost
        ProcessHandle handle = ProcessHandle.of(processor.pid()).orElseThrow();
        long sigterm = System.nanoTime();
        handle.destroy();
        handle.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
        Thread.sleep(500); // the last lines on their way through the pipe
        int exit = processor.stop(Duration.ofSeconds(5));

        List<String> afterSigterm = Files.readString(LOG).lines().skip(before).toList();
        long networkWarnings = afterSigterm.stream().filter(l -> l.contains("WARN NetworkClient")).count();
        long warnings = afterSigterm.stream().filter(l -> l.contains(" WARN ")).count();
        log.info("exit {} after {} ms; {} WARN lines after SIGTERM, {} of them NetworkClient's", exit, took.toMillis(), warnings,
            networkWarnings);
        assertThat(exit).as("exit code (-1: still running)").isIn(0, 143);
        assertThat(took).as("time from SIGTERM to exit").isLessThan(EXIT_WITHIN);
        assertThat(afterSigterm).as("no native crash").noneMatch(l -> l.contains("SIGBUS") || l.contains("SIGSEGV")
            || l.contains("hs_err") || l.contains("A fatal error has been detected"));
        assertThat(networkWarnings).as("NetworkClient warnings after SIGTERM").isLessThanOrEqualTo(NETWORK_WARNINGS_AT_MOST);
      }
    }
  }

  private List<VideoChunk> clip() throws Exception {
    Path footage = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(320, 240, 12), 96, FootageWriter.Codec.FFV1, footage);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(footage, "cam", null, chunks::add);
    assertThat(chunks).as("chunks of the clip").hasSizeGreaterThan(1);
    return chunks;
  }
}
