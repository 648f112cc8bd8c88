package dev.resolute.workbench.chaos;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.EmbeddedKafkaBroker;
import dev.resolute.testkit.process.ProcessorProcess;
import dev.resolute.testkit.traffic.ChunkSink;
import dev.resolute.testkit.traffic.CommittedOutputWatch;
import dev.resolute.testkit.traffic.FrameId;
import dev.resolute.testkit.traffic.PacedCameras;
import dev.resolute.topology.TopicSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;

/**
 * One chaos run: cameras publish at a live pace with hostile records among their chunks while the
 * processor (a child process under a stable instance id) is SIGKILLed and restarted at random
 * moments, and the embedded broker too; then every frame is accounted for by a read_committed
 * reader. Beside them, the attacks that are not records: another application whose transactions
 * stay open longer than the session timeout, and a SIGTERM of the processor while the broker is
 * down (inside the first broker restart).
 *
 * <p>On a given cluster it starts its own processor under {@link ChaosOptions#applicationId()}
 * and kills only that; brokers are left alone.
 */
public final class ChaosRun {
  public static final Duration PROCESSING_AGAIN_WITHIN = Duration.ofSeconds(10);
  public static final Duration READERS_STALL_AT_MOST = Duration.ofSeconds(15);
  private static final Duration START_WITHIN = Duration.ofMinutes(3);
  private static final Duration RECOVERY_GIVE_UP = Duration.ofSeconds(90);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
  /** Live pace: one 1 s chunk per camera per second, the rate the controller should see. */
  private static final Duration CHUNK_INTERVAL = Duration.ofSeconds(1);

  private final ChaosOptions options;
  private final Consumer<String> progress;
  private final Random random;
  private final List<Recovery> recoveries = new ArrayList<>();
  private ProcessorProcess processor;
  private int exitsRestarted;
  private final List<String> selfExits = new ArrayList<>();
  private SigtermCheck sigterm;

  public ChaosRun(ChaosOptions options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
    this.random = new Random(options.seed());
  }

  public ChaosSummary run() throws Exception {
    Path out = Files.createDirectories(options.out());
    Path work = Files.createDirectories(out.resolve("work"));
    // an earlier run's Kafka Streams state belongs to a broker that is gone; the model cache stays
    deleteRecursively(work.resolve("state"));
    Files.deleteIfExists(out.resolve("processor.log"));
    long runStart = System.nanoTime();
    List<VideoChunk> clip = GeneratedClip.write(work);
    String runId = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    EmbeddedKafkaBroker broker = options.embedded() ? EmbeddedKafkaBroker.startTemporary() : null;
    String bootstrap = broker != null ? broker.bootstrapServers() : options.bootstrapServers();
    KafkaClientConfig kafkaClient = options.kafkaClient();
    try (Admin admin = Admin.create(kafkaClient.withBootstrap(bootstrap))) {
      if (broker != null) {
        TopicSetup.ensure(admin, options.cameras(), (short) 1);
      }
      Supervisor supervisor = new Supervisor(bootstrap, work, out.resolve("processor.log"));
      processor = supervisor.start();
      if (!processor.awaitRunning(START_WITHIN)) {
        throw new IllegalStateException("the processor did not start within " + START_WITHIN + "; see " + out.resolve("processor.log"));
      }
      int partitions = admin.describeTopics(List.of(Topics.VIDEO_CHUNKS)).allTopicNames().get().get(Topics.VIDEO_CHUNKS)
          .partitions().size();
      int busy = Math.min(options.cameras(), partitions);
      Properties client = kafkaClient.under(Topics.readCommitted(bootstrap));
      Properties producer = kafkaClient.withBootstrap(bootstrap);
      Set<HostileKind> kinds = options.kinds();
      sigterm = !kinds.contains(HostileKind.SIGTERM_DURING_BROKER_RESTART) ? null
          : broker == null ? SigtermCheck.notDone("a given cluster's brokers are left alone")
          : options.brokerRestarts() == 0 ? SigtermCheck.notDone("no broker restart") : null;
      SecondApplication.Result second = null;
      double rssStart;
      double rssEnd;
      ChaosLedger.Accounts accounts;
      try (CommittedOutputWatch watch = new CommittedOutputWatch(client);
          PacedCameras cameras = new PacedCameras(ChunkSink.kafka(kafkaClient.under(Topics.chunkProducerProperties(bootstrap))), clip, CHUNK_INTERVAL, partitions, options.cameras(), runId);
          HostilePublisher hostile = new HostilePublisher(producer, new HostileRecords(clip, runId, options.seed(), kinds),
              cameras::liveCameras, options.hostile(), kinds.contains(HostileKind.FORGED_CAMERA_IDS),
              options.duration().multipliedBy(9).dividedBy(10));
          SecondApplication secondApp = kinds.contains(HostileKind.SECOND_APPLICATION)
              ? new SecondApplication(producer, options.applicationId(), ownTopic(admin, options.applicationId())) : null) {
        long camerasStart = System.nanoTime();
        recoveries.add(measure("first start", processor.startedNanos(), watch, busy, supervisor));
        rssStart = processor.rssMb();
        for (Event event : schedule()) {
          superviseUntil(camerasStart + event.atNanos(), supervisor);
          if (event.brokerRestart() && sigterm == null && kinds.contains(HostileKind.SIGTERM_DURING_BROKER_RESTART)) {
            progress.accept("killing the broker (SIGKILL); SIGTERM to the processor (pid " + processor.pid() + ") while it is down");
            broker.kill();
            sigterm = SigtermCheck.of(processor);
            progress.accept("SIGTERM during the broker restart: " + sigterm.verdict());
            broker.start();
            processor = supervisor.start();
            recoveries.add(measure("broker restart with processor SIGTERM", processor.startedNanos(), watch, busy, supervisor));
          } else if (event.brokerRestart()) {
            progress.accept("killing the broker (SIGKILL) and starting it again");
            broker.kill();
            broker.start();
            recoveries.add(measure("broker restart", System.nanoTime(), watch, busy, supervisor));
          } else {
            progress.accept("killing the processor (SIGKILL, pid " + processor.pid() + ") and starting it again");
            processor.kill();
            processor = supervisor.start();
            recoveries.add(measure("processor kill", processor.startedNanos(), watch, busy, supervisor));
          }
          progress.accept(recoveries.get(recoveries.size() - 1).toString());
        }
        superviseUntil(camerasStart + options.duration().toNanos(), supervisor);
        progress.accept("stopping the cameras; waiting for every frame and dead letter");
        Set<FrameId> good = cameras.stop();
        List<HostilePublisher.Sent> sent = hostile.finish(Duration.ofMinutes(2));
        second = secondApp != null ? secondApp.finish() : null;
        double fps = cameras.framesPerSecondPerCamera();
        accounts = settle(good, sent, watch, fps, supervisor);
        rssEnd = processor.rssMb();
        int exit = processor.stop(Duration.ofSeconds(60));
        progress.accept("processor stopped with exit code " + exit);
      }
      ChaosSummary summary = summarize(accounts, second, rssStart, rssEnd, (System.nanoTime() - runStart) / 1e9,
          broker != null ? "embedded" : bootstrap);
      ChaosReport.write(summary, out);
      return summary;
    } finally {
      if (processor != null) {
        processor.close();
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** A kill or a broker restart, at a moment after the cameras started. */
  private record Event(long atNanos, boolean brokerRestart) {}

  /** Random moments between 10 % and 85 % of the run, so that each crash has traffic before and after it. */
  private List<Event> schedule() {
    List<Event> events = new ArrayList<>();
    long span = options.duration().toNanos();
    int brokerRestarts = options.embedded() ? options.brokerRestarts() : 0;
    IntStream.range(0, options.kills() + brokerRestarts).forEach(i -> events.add(
        new Event((long) (span * (0.10 + 0.75 * random.nextDouble())), i >= options.kills())));
    events.sort(java.util.Comparator.comparingLong(Event::atNanos));
    return events;
  }

  /**
   * Processing again: the first committed mask any busy partition shows after {@code sinceNanos};
   * the stall: until every busy partition shows one, which none can while an unfenced dead
   * transaction sits in front of it.
   */
  private Recovery measure(String what, long sinceNanos, CommittedOutputWatch watch, int busy, Supervisor supervisor)
      throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY_GIVE_UP.toNanos();
    while (System.nanoTime() < deadline
        && !IntStream.range(0, busy).allMatch(p -> watch.firstSeenAfter(Topics.MASKS, p, sinceNanos).isPresent())) {
      keepAlive(supervisor);
      Thread.sleep(50); // polling a reader on another thread
    }
    double[] perPartition = IntStream.range(0, busy).mapToLong(p -> watch.firstSeenAfter(Topics.MASKS, p, sinceNanos).orElse(-1))
        .mapToDouble(seen -> seen < 0 ? Double.NaN : (seen - sinceNanos) / 1e9).toArray();
    double first = java.util.Arrays.stream(perPartition).filter(s -> !Double.isNaN(s)).min().orElse(Double.NaN);
    double all = java.util.Arrays.stream(perPartition).anyMatch(Double::isNaN) ? Double.NaN
        : java.util.Arrays.stream(perPartition).max().orElse(Double.NaN);
    return new Recovery(what, first, all);
  }

  /** The supervisor's part: {@code run} exits 1 when processing stops on an error (a broker gone too long). */
  private void keepAlive(Supervisor supervisor) {
    if (!processor.isAlive()) {
      selfExits.add("pid " + processor.pid() + " exit code " + processor.exitCode());
      progress.accept("the processor exited by itself (exit code " + processor.exitCode() + "); starting it again, as a supervisor would");
      processor = supervisor.start();
      exitsRestarted++;
    }
  }

  /** Waits until every frame and every hostile record is accounted for, then a little longer for a late duplicate. */
  private ChaosLedger.Accounts settle(Set<FrameId> good, List<HostilePublisher.Sent> sent, CommittedOutputWatch watch,
      double fps, Supervisor supervisor) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
    ChaosLedger.Accounts accounts = ChaosLedger.settle(good, sent, watch, fps);
    while (System.nanoTime() < deadline && (accounts.missing() > 0 || accounts.hostileHandled() < accounts.hostileSent())) {
      keepAlive(supervisor);
      Thread.sleep(1000); // polling a reader on another thread
      accounts = ChaosLedger.settle(good, sent, watch, fps);
    }
    Thread.sleep(3000); // a duplicate is an absence to disprove, not an event to await: give a late one time to show
    return ChaosLedger.settle(good, sent, watch, fps);
  }

  /** The other application's topic, made here: it must exist before its transactions write to it. */
  private static String ownTopic(Admin admin, String applicationId) throws Exception {
    String topic = SecondApplication.topicOf(applicationId);
    try {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, java.util.Optional.of(1), java.util.Optional.empty())))
          .all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw e;
      }
    }
    return topic;
  }

  private ChaosSummary summarize(ChaosLedger.Accounts a, SecondApplication.Result second, double rssStart, double rssEnd,
      double seconds, String broker) {
    List<Recovery> afterCrashes = recoveries.subList(1, recoveries.size());
    double recoveryMax = afterCrashes.stream().mapToDouble(Recovery::processingAgainSeconds).map(s -> Double.isNaN(s) ? Double.POSITIVE_INFINITY : s)
        .max().orElse(0);
    double stallMax = afterCrashes.stream().mapToDouble(Recovery::stallSeconds).map(s -> Double.isNaN(s) ? Double.POSITIVE_INFINITY : s)
        .max().orElse(0);
    List<String> failures = new ArrayList<>();
    if (a.missing() > 0) {
      failures.add(a.missing() + " good frames lack a mask or a cost record, e.g. " + a.missingExamples());
    }
    if (a.duplicates() > 0) {
      failures.add(a.duplicates() + " frames have more than one mask or cost record, e.g. " + a.duplicateExamples());
    }
    if (a.unexpected() > 0) {
      failures.add(a.unexpected() + " frames nobody published came out: a hostile record got through, e.g. " + a.unexpectedExamples());
    }
    if (!a.hostileUnhandled().isEmpty()) {
      failures.add(a.hostileUnhandled().size() + " of " + a.hostileSent() + " hostile records neither dead-lettered nor "
          + "decoded exactly once, e.g. " + a.hostileUnhandled().stream().limit(5).toList());
    }
    long turnsSent = a.hostileByKind().entrySet().stream().filter(e -> e.getKey().takesTurns()).mapToLong(e -> e.getValue().sent()).sum();
    long turnsAsked = HostileKind.turns(options.kinds()).isEmpty() ? 0 : options.hostile();
    if (turnsSent < turnsAsked) {
      failures.add("only " + turnsSent + " of " + turnsAsked + " hostile records were sent");
    }
    if (!selfExits.isEmpty()) {
      failures.add("the processor exited " + selfExits.size() + " time(s) without being killed: " + selfExits.stream().limit(5).toList());
    }
    Map<HostileKind, String> verdicts = verdicts(a, second);
    verdicts.forEach((kind, verdict) -> {
      if (verdict.startsWith("FAILED")) {
        failures.add(kind + ": " + verdict);
      }
    });
    boolean withinBounds = recoveryMax <= PROCESSING_AGAIN_WITHIN.toSeconds() && stallMax <= READERS_STALL_AT_MOST.toSeconds();
    int brokerRestarts = (int) recoveries.stream().filter(r -> r.what().startsWith("broker restart")).count();
    int kills = (int) recoveries.stream().filter(r -> r.what().equals("processor kill")).count();
    return new ChaosSummary(failures.isEmpty(), failures, a.framesIn(), a.masks(), a.costs(), a.missing(), a.duplicates(),
        a.deadLetters(), kills, brokerRestarts, finite(recoveryMax), finite(stallMax), round(rssStart), round(rssEnd),
        exitsRestarted, a.unexpected(), a.deadLettersOfGoodChunks(), a.hostileSent(), a.hostileHandled(), a.hostileUnhandled(),
        a.bitFlips(), a.hostileByKind(), a.controller(), List.copyOf(recoveries), withinBounds, round(seconds), options.cameras(),
        broker, a.missingExamples().stream().map(FrameId::toString).toList(),
        a.duplicateExamples().stream().map(FrameId::toString).toList(), List.copyOf(options.kinds()), verdicts, second,
        sigterm != null ? sigterm : SigtermCheck.notDone(options.kinds().contains(HostileKind.SIGTERM_DURING_BROKER_RESTART)
            ? "no broker restart came" : "not selected"),
        List.copyOf(selfExits), a.unexpectedExamples().stream().map(FrameId::toString).toList());
  }

  /** Each selected kind's verdict, in the order of {@link HostileKind}. */
  private Map<HostileKind, String> verdicts(ChaosLedger.Accounts a, SecondApplication.Result second) {
    Map<HostileKind, String> verdicts = new java.util.LinkedHashMap<>();
    for (HostileKind kind : HostileKind.values()) {
      if (!options.kinds().contains(kind)) {
        continue;
      }
      if (kind == HostileKind.SECOND_APPLICATION) {
        verdicts.put(kind, second.verdict());
      } else if (kind == HostileKind.SIGTERM_DURING_BROKER_RESTART) {
        verdicts.put(kind, sigterm != null ? sigterm.verdict() : "not run: no broker restart came");
      } else if (a.hostileByKind().containsKey(kind)) {
        verdicts.put(kind, a.hostileByKind().get(kind).verdict());
      } else {
        verdicts.put(kind, options.hostile() == 0 && kind.takesTurns() ? "not run: --hostile 0" : "FAILED: none sent");
      }
    }
    return verdicts;
  }

  /** Never recovered reads as -1 in JSON, which has no infinity. */
  private static double finite(double seconds) {
    return Double.isInfinite(seconds) ? -1 : round(seconds);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Waits for the run's next moment, restarting a processor that exits meanwhile at once, as a supervisor would. */
  private void superviseUntil(long nanos, Supervisor supervisor) throws InterruptedException {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      keepAlive(supervisor);
      Thread.sleep(Math.min(wait / 1_000_000 + 1, 100)); // the run's schedule, not a wait for a condition
    }
  }

  /** Starts {@code resolute run} under the same instance id each time, as a pod restarted by its supervisor would be. */
  private final class Supervisor {
    private final String bootstrap;
    private final Path work;
    private final Path log;

    Supervisor(String bootstrap, Path work, Path log) {
      this.bootstrap = bootstrap;
      this.work = work;
      this.log = log;
    }

    ProcessorProcess start() {
      List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrap, "--application-id", options.applicationId(),
          "--instance-id", options.instanceId(), "--policy", "fixed", "--partitions", String.valueOf(options.cameras()),
          "--slowest-chunk-seconds", "10", "--device", "cpu", "--state-dir", work.resolve("state").toString()));
      if (options.kafkaClient().source() != null) {
        args.addAll(List.of("--kafka-config", options.kafkaClient().source().toString()));
      }
      return ProcessorProcess.start(args, work.resolve("cache"), log);
    }
  }
}
