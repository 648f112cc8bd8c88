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
import dev.resolute.testkit.traffic.FrameId;
import dev.resolute.testkit.traffic.PacedCameras;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes on a real broker while cameras publish: the processor, a separate OS process, is
 * SIGKILLed three times in the middle of a transaction and restarted under the same instance id,
 * then the broker is SIGKILLed and restarted on its data directory. Read_committed readers must see
 * every frame exactly once, the successor must be processing within 10 s, and no partition may stay
 * hidden behind a dead transaction for more than 15 s (unfenced, it would wait out the 50 s
 * transaction timeout).
 */
@org.junit.jupiter.api.Tag("scenario") // a minute or more: run by ./resolute test, left out of plain mvn verify
class CrashRecoveryIT {
  private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static final int PARTITIONS = 2;
  private static final String APPLICATION_ID = "resolute-crash";
  private static final String INSTANCE_ID = "crash-0";
  /** Kafka Streams' first (only) stream thread has index 1. */
  private static final String TRANSACTIONAL_ID = new InstanceTransactionalId(APPLICATION_ID, INSTANCE_ID, 1).toString();
  private static final int PROCESSOR_KILLS = 3;
  private static final Duration PROCESSING_AGAIN_WITHIN = Duration.ofSeconds(10);
  private static final Duration READERS_STALL_AT_MOST = Duration.ofSeconds(15);

  /** Every start of the processor appends here; kept after the run for a failure's story. */
  private static final Path LOG = Path.of("target", "CrashRecoveryIT-processor.log");

  @TempDir Path dir;
  private final List<Recovery> recoveries = new ArrayList<>();

  @Test
  void shouldPublishEveryFrameOnceAndRecoverWithinSecondsFromKilledProcessorsAndABrokerCrash() throws Exception {
    java.nio.file.Files.deleteIfExists(LOG);
    List<VideoChunk> clip = clip();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensure(admin, PARTITIONS, (short) 1);
      ProcessorProcess processor = startProcessor(broker);
      try (CommittedOutputWatch outputs = new CommittedOutputWatch(broker.bootstrapServers());
          PacedCameras cameras = new PacedCameras(broker.bootstrapServers(), clip, Duration.ofMillis(400), PARTITIONS)) {
        measureRecovery("first start", processor.startedNanos(), outputs); // a cold start: nothing to recover

        for (int kill = 1; kill <= PROCESSOR_KILLS; kill++) {
          awaitOpenTransactionOnOutputs(admin);
          processor.kill();
          processor = startProcessor(broker);
          assertWithinBounds(measureRecovery("processor kill " + kill, processor.startedNanos(), outputs));
        }

        awaitProgress(outputs);
        broker.kill();
        broker.start();
        long brokerBack = System.nanoTime();
        if (!processor.isAlive()) { // the supervisor's part: run exits 1 when processing stops on an error
          log.warn("the processor exited while the broker was down; restarting it");
          processor = startProcessor(broker);
        }
        assertWithinBounds(measureRecovery("broker kill", brokerBack, outputs));

        Set<FrameId> published = cameras.stop();
        awaitEveryFrame(outputs, published);
        // 143 = 128 + SIGTERM: the JVM reports the signal once the shutdown hook let it go
        assertThat(processor.stop(Duration.ofSeconds(60))).as("exit code of a clean stop").isIn(0, 143);
        assertThat(admin.describeConsumerGroups(List.of(APPLICATION_ID)).all().get().get(APPLICATION_ID).members())
            .as("members left after a clean stop").isEmpty();

        log.info("recovery: {}", recoveries);
        assertExactlyOnce(outputs.framesOn(Topics.MASKS), published, "masks");
        assertExactlyOnce(outputs.framesOn(Topics.FRAME_COSTS), published, "cost records");
      } finally {
        processor.close();
      }
    }
  }

  private List<VideoChunk> clip() throws Exception {
    Path footage = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(96, 64, 12), 48, FootageWriter.Codec.FFV1, footage);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(footage, "clip", null, chunks::add);
    assertThat(chunks).as("chunks of the clip").hasSizeGreaterThan(1);
    return chunks;
  }

  private ProcessorProcess startProcessor(EmbeddedKafkaBroker broker) {
    List<String> args = List.of("--bootstrap-servers", broker.bootstrapServers(), "--application-id", APPLICATION_ID,
        "--instance-id", INSTANCE_ID, "--policy", "fixed", "--partitions", String.valueOf(PARTITIONS),
        "--slowest-chunk-seconds", "10", "--device", "cpu", "--state-dir", dir.resolve("state").toString());
    return ProcessorProcess.start(args, dir.resolve("cache"), LOG);
  }

  /**
   * Waits until the processor has a transaction open with outputs in it, so that the kill leaves
   * uncommitted records in front of read_committed readers.
   */
  private static void awaitOpenTransactionOnOutputs(Admin admin) {
    await("an open transaction with outputs").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
      TransactionDescription txn = admin.describeTransactions(List.of(TRANSACTIONAL_ID)).description(TRANSACTIONAL_ID).get();
      return txn.state() == TransactionState.ONGOING && txn.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.MASKS));
    });
  }

  /**
   * Processing again: the first mask any reader sees after the restart. No stall: every partition
   * shows a new mask, which it cannot while an unfenced dead transaction sits in front of it.
   */
  private Recovery measureRecovery(String what, long restartNanos, CommittedOutputWatch outputs) {
    await(what + ": masks on every partition").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
        .until(() -> IntStream.range(0, PARTITIONS).allMatch(p -> outputs.firstSeenAfter(Topics.MASKS, p, restartNanos).isPresent()));
    List<Duration> perPartition = IntStream.range(0, PARTITIONS)
        .mapToObj(p -> Duration.ofNanos(outputs.firstSeenAfter(Topics.MASKS, p, restartNanos).getAsLong() - restartNanos)).toList();
    Duration processingAgain = perPartition.stream().min(Duration::compareTo).orElseThrow();
    Duration stall = perPartition.stream().max(Duration::compareTo).orElseThrow();
    Recovery recovery = new Recovery(what, processingAgain, stall);
    recoveries.add(recovery);
    log.info("{}", recovery);
    return recovery;
  }

  private static void assertWithinBounds(Recovery recovery) {
    assertThat(recovery.processingAgain()).as(recovery.what() + ": first committed mask after the restart")
        .isLessThanOrEqualTo(PROCESSING_AGAIN_WITHIN);
    assertThat(recovery.stall()).as(recovery.what() + ": read_committed stall, the slowest partition")
        .isLessThanOrEqualTo(READERS_STALL_AT_MOST);
  }

  /** Seconds from a restart until the first committed mask anywhere, and on the slowest partition. */
  private record Recovery(String what, Duration processingAgain, Duration stall) {
    @Override
    public String toString() {
      return String.format("%s: processing again after %.1f s, every partition after %.1f s", what,
          processingAgain.toMillis() / 1000.0, stall.toMillis() / 1000.0);
    }
  }

  /** Lets the processor get past its first chunks after a recovery before the next crash. */
  private static void awaitProgress(CommittedOutputWatch outputs) {
    long now = System.nanoTime();
    await("progress").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> IntStream.range(0, PARTITIONS).allMatch(p -> outputs.firstSeenAfter(Topics.MASKS, p, now).isPresent()));
  }

  private static void awaitEveryFrame(CommittedOutputWatch outputs, Set<FrameId> published) throws InterruptedException {
    await("a mask and a cost record for every published frame").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> outputs.framesOn(Topics.MASKS).keySet().containsAll(published)
            && outputs.framesOn(Topics.FRAME_COSTS).keySet().containsAll(published));
    Thread.sleep(2000); // a duplicate is an absence to disprove, not an event to await: give a late one time to show
  }

  private static void assertExactlyOnce(Map<FrameId, Long> seen, Set<FrameId> published, String what) {
    Map<FrameId, Long> duplicates = seen.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(published).as("frames published").hasSizeGreaterThan(100);
    Set<FrameId> missing = published.stream().filter(frame -> !seen.containsKey(frame)).collect(Collectors.toSet());
    Set<FrameId> unexpected = seen.keySet().stream().filter(frame -> !published.contains(frame)).collect(Collectors.toSet());
    assertThat(missing).as(what + " missing").isEmpty();
    assertThat(unexpected).as(what + " for frames never published").isEmpty();
    assertThat(duplicates.size()).as(what + " seen more than once, e.g. " + duplicates.entrySet().stream().limit(5).toList()).isZero();
  }
}
