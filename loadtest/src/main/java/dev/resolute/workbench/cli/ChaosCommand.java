package dev.resolute.workbench.cli;

import dev.resolute.cli.ExitCodes;
import dev.resolute.cli.HomePath;
import dev.resolute.cli.KafkaOptions;
import dev.resolute.cli.UserError;
import dev.resolute.workbench.chaos.ChaosOptions;
import dev.resolute.workbench.chaos.ChaosRun;
import dev.resolute.workbench.chaos.ChaosSummary;
import dev.resolute.workbench.chaos.HostileKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
        "Fault injection: generated cameras publish at a live pace with hostile records among their chunks, while the processor "
            + "(a child process under a stable --instance-id) is SIGKILLed and restarted at random moments, and the embedded broker "
            + "too. Then a read_committed reader accounts for every frame. Writes DIR/summary.json and DIR/report.md.",
        "With --bootstrap-servers it uses that cluster instead: it never touches its brokers, starts its own processor under "
            + "--application-id, and kills only that one. No other processor group may consume video-chunks there, or its "
            + "outputs count as duplicates.",
        "Hostile kinds (--hostile-kinds, --without-hostile-kinds): records dead-lettered for a reason (RANDOM_BYTES ... "
            + "CAPTURED_2H_AHEAD, FRAME_SPAN_2_40, CAMERA_ID_100KB, FORGED_CAMERA_IDS: 1000 distinct ids at once), good video from "
            + "cameras named constructor and __proto__ (CAMERA_CONSTRUCTOR, CAMERA_PROTO: masked once), another application "
            + "holding transactions open 20 s (SECOND_APPLICATION: never fenced) and a SIGTERM of the processor during the first "
            + "broker restart (SIGTERM_DURING_BROKER_RESTART: a clean exit). Each gets a verdict in summary.json and report.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every good frame has exactly one mask and one cost record, every hostile kind came to what it must, and the processor "
            + "never exited unless chaos killed or stopped it",
        "1:frames missing or duplicated, a hostile kind's verdict FAILED, or the processor exited by itself (the reasons are printed)",
        "2:bad usage"})
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "120", description = "How long the cameras publish (default: ${DEFAULT-VALUE}).")
  long durationSeconds;

  @Option(names = "--kills", paramLabel = "N", defaultValue = "5", description = "Processor SIGKILLs, each followed by a restart (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--broker-restarts", paramLabel = "N", defaultValue = "1",
      description = "Broker SIGKILLs, each followed by a restart on its data; embedded broker only (default: ${DEFAULT-VALUE}).")
  int brokerRestarts;

  @Option(names = "--hostile", paramLabel = "N", defaultValue = "300", description = "Hostile records sent among the good chunks, the selected record kinds in turn; FORGED_CAMERA_IDS' 1000 "
      + "come on top (default: ${DEFAULT-VALUE}).")
  int hostile;

  @Option(names = "--cameras", paramLabel = "N", defaultValue = "2", description = "Cameras publishing 12 fps each (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = HomePath.OUTPUTS + "/chaos", converter = HomePath.class, description = "Where summary.json, report.md and processor.log go (default: ${DEFAULT-VALUE}).")
  Path out;

  @picocli.CommandLine.Mixin KafkaOptions kafka;

  @Option(names = "--application-id", defaultValue = "resolute-chaos", description = "Application id of the processor it starts (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--instance-id", defaultValue = "chaos-0", description = "Instance id the processor keeps across restarts (default: ${DEFAULT-VALUE}).")
  String instanceId;

  @Option(names = "--hostile-kinds", paramLabel = "KIND", split = ",",
      description = "Attacks to make, comma-separated (default: all): ${COMPLETION-CANDIDATES}.")
  List<HostileKind> hostileKinds;

  @Option(names = "--without-hostile-kinds", paramLabel = "KIND", split = ",",
      description = "Attacks to leave out of those selected, e.g. the ones a processor under repair does not survive yet.")
  List<HostileKind> withoutHostileKinds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments and hostile records (default: ${DEFAULT-VALUE}).")
  long seed;

  private Set<HostileKind> kinds() {
    Set<HostileKind> kinds = hostileKinds == null ? HostileKind.all() : EnumSet.copyOf(hostileKinds);
    if (withoutHostileKinds != null) {
      withoutHostileKinds.forEach(kinds::remove);
    }
    return kinds;
  }

  @Override
  public Integer call() throws Exception {
    ChaosOptions options;
    try {
      options = new ChaosOptions(Duration.ofSeconds(durationSeconds), kills, brokerRestarts, hostile, cameras, out, kafka.bootstrapServersIfGiven(), kafka.connectIfGiven(),
          applicationId, instanceId, seed, kinds());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    ChaosSummary summary = new ChaosRun(options, line -> System.err.println("chaos: " + line)).run();
    System.out.printf("%s: %d frames in, %d missing, %d duplicated; %d of %d hostile records handled; %d kills, %d broker restarts; "
        + "slowest recovery %.1f s, longest stall %.1f s; see %s%n", summary.passed() ? "passed" : "FAILED", summary.framesIn(),
        summary.missing(), summary.duplicates(), summary.hostileHandled(), summary.hostileSent(), summary.processorRestarts(),
        summary.brokerRestarts(), summary.recoverySecondsMax(), summary.readCommittedStallSecondsMax(), out.resolve("report.md"));
    summary.failures().forEach(f -> System.err.println("error: " + f));
    return summary.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
