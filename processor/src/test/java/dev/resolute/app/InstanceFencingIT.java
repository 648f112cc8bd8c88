package dev.resolute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.testkit.process.ProcessorProcess;
import dev.resolute.topology.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fencer and the instance lease on a real broker, with {@code resolute run} as a child process.
 * Transactions held open by plain producers stand in for other applications' and for dead
 * predecessors': a transactional producer is all that the fencer ever sees of either.
 */
class InstanceFencingIT {
  private static final Logger log = LoggerFactory.getLogger(InstanceFencingIT.class);
  private static final String HELD = "held-open";
  private static final List<String> APPLICATIONS = List.of("resolute", "resolute-f", "resolute-lease");
  private static KafkaCluster broker;
  private static Admin admin;

  @TempDir Path dir;
  private final List<KafkaProducer<String, String>> producers = new ArrayList<>();
  private final List<ProcessorProcess> processors = new ArrayList<>();

  @BeforeAll
  static void startBroker() throws Exception {
    for (String application : APPLICATIONS) {
      Files.deleteIfExists(logOf(application));
    }
    broker = KafkaTestCluster.start();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    TopicSetup.ensure(admin, 2, (short) 1);
    admin.createTopics(List.of(new NewTopic(HELD, 1, (short) 1))).all().get();
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @AfterEach
  void closeAll() throws InterruptedException {
    for (ProcessorProcess processor : processors) {
      processor.close();
    }
    producers.forEach(p -> p.close(Duration.ZERO));
  }

  @Test
  void shouldFenceNeitherAnotherApplicationNorIdsOutsideItsSchemeButADeadInstanceOfItsOwn() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread euMember = staticMember("resolute-eu", "eu-0-1", stop); // resolute-eu's live instance eu-0, thread 1
    Map<String, KafkaProducer<String, String>> spared = new LinkedHashMap<>();
    for (String id : List.of("resolute-eu~eu-0~1", "resolute-eu-eu-0-1", "resolute-x-0", "resolute-" + UUID.randomUUID() + "-1",
        "resolute-demo-1a2b3c4d-" + UUID.randomUUID() + "-1")) {
      spared.put(id, openTransaction(id));
    }
    String deadOfResolute = "resolute~gone-0~1";
    String deadOfEu = "resolute-eu~gone-0~1";
    openTransaction(deadOfResolute);
    openTransaction(deadOfEu);
    long opened = System.nanoTime();

    // resolute-eu's fencer, in this JVM so that each pass's fences can be told apart from the processor's
    Map<String, FencingRule.Verdict> euFenced = new HashMap<>();
    try (DeadInstanceFencer eu = new DeadInstanceFencer(Map.of("bootstrap.servers", broker.bootstrapServers()),
        new FencingRule("resolute-eu", "eu-1", 1, ProcessorConfig.SESSION_TIMEOUT), Clock.systemUTC())) {
      ProcessorProcess resolute = startRun("resolute", "a-0", 1);
      assertThat(resolute.awaitRunning(Duration.ofSeconds(120))).as("resolute run is processing").isTrue();
      long running = System.nanoTime();
      // open for 20 s at least, and 12 s of the processor's fencer: past the 8 s session timeout and a pass
      while (System.nanoTime() - opened < TimeUnit.SECONDS.toNanos(20) || System.nanoTime() - running < TimeUnit.SECONDS.toNanos(12)) {
        euFenced.putAll(eu.fenceOnce());
        Thread.sleep(2000);
      }
      assertThat(resolute.isAlive()).isTrue();
    } finally {
      stop.set(true);
      euMember.join(10_000);
    }

    assertThat(state(deadOfResolute)).as("resolute's dead instance, fenced by resolute's processor").isNotEqualTo(TransactionState.ONGOING);
    assertThat(euFenced).as("what resolute-eu's fencer fenced").containsOnlyKeys(deadOfEu);
    List<String> processorFences = Files.readAllLines(logOf("resolute")).stream().filter(line -> line.contains("aborted open transactions")).toList();
    assertThat(processorFences).as("what resolute's processor fenced").hasSize(1).allSatisfy(line -> assertThat(line).contains(deadOfResolute));
    for (Map.Entry<String, KafkaProducer<String, String>> held : spared.entrySet()) {
      assertThat(state(held.getKey())).as(held.getKey() + " after 20 s open").isEqualTo(TransactionState.ONGOING);
      held.getValue().commitTransaction(); // throws if it had been fenced
      assertThat(processorFences.get(0)).doesNotContain(held.getKey());
    }
  }

  @Test
  void shouldFenceItsOwnIdsOfThreadsItNoLongerRunsAsItStartsButNoIdOfTheFormatBefore() throws Exception {
    // a predecessor under f-0 ran two stream threads
    String retired = "resolute-f~f-0~2";
    KafkaProducer<String, String> retiredProducer = openTransaction(retired);
    // f-0's own id in the format before, or application resolute-f-f's instance 0, thread 1, live: nobody can tell
    String ambiguous = "resolute-f-f-0-1";
    KafkaProducer<String, String> ambiguousProducer = openTransaction(ambiguous);
    ProcessorProcess restarted = startRun("resolute-f", "f-0", 1);
    assertThat(restarted.awaitRunning(Duration.ofSeconds(120))).as("restarted with one thread").isTrue();
    long running = System.nanoTime();

    await("the predecessor's retired thread's transaction aborted").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> state(retired) != TransactionState.ONGOING);
    log.info("the predecessor's transaction was aborted {} ms after the restart was processing",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - running));
    assertThatThrownBy(retiredProducer::commitTransaction).as(retired + " fenced").isInstanceOf(Exception.class);
    Thread.sleep(6_000); // three more passes of the fencer (every 2 s)
    assertThat(state(ambiguous)).as(ambiguous + ", an id of the format before").isEqualTo(TransactionState.ONGOING);
    ambiguousProducer.commitTransaction(); // throws if it had been fenced
  }

  @Test
  void shouldRefuseASecondLiveProcessUnderAnInstanceIdButStartASuccessorOfAKilledOne() throws Exception {
    ProcessorProcess holder = startRun("resolute-lease", "l-0", 1);
    assertThat(holder.awaitRunning(Duration.ofSeconds(120))).as("the first process is processing").isTrue();

    Path output = dir.resolve("second.log");
    Process second = runCommand("resolute-lease", "l-0", 1).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the second process exits").isTrue();
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    log.info("the second process said: {}", lines);
    assertThat(second.exitValue()).as("exit code of the second process").isEqualTo(2);
    assertThat(lines).as("its output").hasSize(1);
    assertThat(lines.get(0)).startsWith("error: instance id 'l-0' of application 'resolute-lease' is held by a live process");
    Thread.sleep(3000); // a fence or a static member's takeover is an absence to disprove: give it time to show
    assertThat(holder.isAlive()).as("the holder survives the refused start").isTrue();
    assertThat(admin.describeConsumerGroups(List.of("resolute-lease")).all().get().get("resolute-lease").members())
        .as("members after the refused start").hasSize(1).allSatisfy(m -> assertThat(m.groupInstanceId()).contains("l-0-1"));

    holder.kill(); // as an OOM killer would; then restarted at once, as chaos and a StatefulSet do
    ProcessorProcess successor = startRun("resolute-lease", "l-0", 1);
    long started = System.nanoTime();
    assertThat(successor.awaitRunning(Duration.ofSeconds(60))).as("the killed holder's successor is processing").isTrue();
    log.info("the successor of a killed holder was processing {} ms after its start", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertThat(successor.isAlive()).isTrue();
  }

  private ProcessorProcess startRun(String applicationId, String instanceId, int threads) {
    ProcessorProcess process = ProcessorProcess.start(runArgs(applicationId, instanceId, threads), dir.resolve("cache"), logOf(applicationId));
    processors.add(process);
    return process;
  }

  /** Each application's processors write here; kept after the run for a failure's story. */
  private static Path logOf(String applicationId) {
    return Path.of("target", "InstanceFencingIT-" + applicationId + ".log");
  }

  private List<String> runArgs(String applicationId, String instanceId, int threads) {
    return List.of("--bootstrap-servers", broker.bootstrapServers(), "--application-id", applicationId, "--instance-id", instanceId,
        "--stream-threads", String.valueOf(threads), "--policy", "fixed", "--partitions", "2", "--slowest-chunk-seconds", "10",
        "--device", "cpu", "--state-dir", dir.resolve("state-" + instanceId + "-" + System.nanoTime()).toString());
  }

  /** What {@link ProcessorProcess} runs, for a process whose exit code and whole output the test needs. */
  private ProcessBuilder runCommand(String applicationId, String instanceId, int threads) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "dev.resolute.cli.ResoluteCli", "run", "--no-metrics"));
    command.addAll(runArgs(applicationId, instanceId, threads));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("RESOLUTE_CACHE", dir.resolve("cache").toString());
    return builder;
  }

  /** A transaction with a record in it, left open: what a slow or dead instance's producer leaves. */
  private KafkaProducer<String, String> openTransaction(String transactionalId) throws Exception {
    KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000),
        new StringSerializer(), new StringSerializer());
    producers.add(producer);
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(HELD, transactionalId, "held")).get();
    assertThat(state(transactionalId)).isEqualTo(TransactionState.ONGOING);
    return producer;
  }

  private static TransactionState state(String transactionalId) {
    try {
      return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get(10, TimeUnit.SECONDS).state();
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe transaction " + transactionalId, e);
    }
  }

  /** A consumer that stays in {@code group} as static member {@code instanceId} until {@code stop}. */
  private Thread staticMember(String group, String instanceId, AtomicBoolean stop) {
    Thread member = new Thread(() -> {
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
          broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(Set.of(HELD));
        while (!stop.get()) {
          consumer.poll(Duration.ofMillis(200));
        }
      }
    }, "static-member-" + instanceId);
    member.start();
    await("static member " + instanceId + " in " + group).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
            .anyMatch(m -> m.groupInstanceId().filter(instanceId::equals).isPresent()));
    return member;
  }
}
