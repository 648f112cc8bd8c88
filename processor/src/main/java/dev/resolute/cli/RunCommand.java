package dev.resolute.cli;

import dev.resolute.app.ResoluteProcessor;
import dev.resolute.app.ProcessorConfig;
import dev.resolute.inference.OnnxModel;
import dev.resolute.instance.InstanceIdInUseException;
import dev.resolute.instance.InstanceLease;
import dev.resolute.metrics.MetricsExport;
import dev.resolute.app.ProcessorMeters;
import dev.resolute.model.store.ModelStore;
import dev.resolute.topology.TopicSetup;
import dev.resolute.web.LiveViewer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Runs the processor against an existing Kafka cluster until interrupted: consumes video-chunks, publishes masks, frame-costs and dead-letters (topics created if missing).")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--application-id", defaultValue = "resolute", description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--model", paramLabel = "NAME|PATH", defaultValue = ModelStore.GENERATED, description = "Model (default: ${DEFAULT-VALUE}).")
  String model;

  @picocli.CommandLine.Mixin DeviceOptions devices;
  @picocli.CommandLine.Mixin ControlOptions control;
  @picocli.CommandLine.Mixin KafkaOptions kafka;
  @picocli.CommandLine.Mixin MetricsOptions metricsOptions;
  @picocli.CommandLine.Mixin ViewerOptions viewerOptions;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions of topics created here (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor of created topics (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--max-batch", defaultValue = "8", description = "Frames of a chunk per inference call, at most (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams processing threads (default: ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(names = "--slowest-chunk-seconds", defaultValue = "60",
      description = "Longest one chunk may take; transactions and polls outlast it times the tasks a thread may own (default: ${DEFAULT-VALUE}).")
  int slowestChunkSeconds;

  @Option(names = "--max-clock-skew-seconds", defaultValue = "300",
      description = "How far ahead of this host's clock a chunk's capture times may lie before it is dead-lettered "
          + "(resolute.max.clock.skew; keep clocks by NTP; default: ${DEFAULT-VALUE}).")
  long maxClockSkewSeconds;

  @Option(names = "--instance-id", paramLabel = "ID",
      description = "A name this instance keeps across restarts, unique in the application (e.g. the pod name): a restart takes over at once and "
          + "fences the old transaction; a second process under an id a live one holds exits 2.")
  String instanceId;

  @Option(names = "--state-dir", defaultValue = "${java.io.tmpdir}/resolute-streams", description = "Kafka Streams state directory (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--profile", paramLabel = "FILE",
      description = "profile.json from ./resolute profile: the controller's starting costs and quality per level for its source size "
          + "(default: profile.json in the model's folder, if there is one).")
  Path profile;

  @Override
  public Integer call() throws Exception {
    ProcessorConfig config = new ProcessorConfig(kafka.bootstrapServers(), applicationId, stateDir, maxBatch, streamThreads, replicationFactor,
        Duration.ofSeconds(slowestChunkSeconds), control.config()).withInstanceId(instanceId)
        .withMaxClockSkew(Duration.ofSeconds(maxClockSkewSeconds));
    config = config.withKafkaClient(kafka.connect());
    try (Admin admin = Admin.create(config.kafkaClient().withBootstrap(kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, partitions, replicationFactor);
    }
    // the lease's watch runs while the model loads; it is renewed until the processor has closed
    try (InstanceLease lease = instanceId == null ? null : InstanceLease.claim(config.adminProperties(), applicationId, instanceId);
        // the port first: a clash fails in a moment, not after the model has loaded
        MetricsExport metrics = metricsOptions.start(MetricsOptions.RUN_PORT, System.out);
        LiveViewer viewer = viewerOptions.start(null, System.out)) { // a production instance serves no page unless asked
      if (viewer != null) {
        viewer.follow(kafka.bootstrapServers(), config.kafkaClient());
      }
      return run(config, metrics, held(lease, devices.load(model, streamThreads)), profile);
    }
  }

  /** {@code loaded}, once no live process holds the instance id; before the group or a transaction sees this one. */
  private static OnnxModel held(InstanceLease lease, OnnxModel loaded) throws InterruptedException {
    try {
      if (lease != null) {
        lease.awaitHeld();
      }
      return loaded;
    } catch (InstanceIdInUseException e) {
      loaded.close();
      throw new UserError(e.getMessage());
    } catch (RuntimeException | InterruptedException e) {
      loaded.close();
      throw e;
    }
  }

  private static int run(ProcessorConfig config, MetricsExport metrics, OnnxModel loaded, Path profile) throws Exception {
    try (ShutdownSignal shutdown = new ShutdownSignal("resolute-shutdown", 90);
        ResoluteProcessor processor = new ResoluteProcessor(config, loaded, profile);
        ProcessorMeters meters = ProcessorMeters.bind(metrics.registry(), processor, config, loaded)) {
      processor.start(Duration.ofMinutes(2));
      System.out.println("processing; Ctrl-C to stop");
      while (!shutdown.requested()) {
        if (processor.awaitFailure(500)) {
          System.err.println("error: the processor stopped: " + processor.failure());
          return 1; // let a supervisor restart it
        }
      }
    }
    return 0;
  }
}
