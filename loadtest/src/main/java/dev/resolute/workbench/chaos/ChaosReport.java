package dev.resolute.workbench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a chaos run's {@code summary.json} and the same story for a person, {@code report.md}. */
public final class ChaosReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ChaosReport() {}

  public static void write(ChaosSummary s, Path dir) throws IOException {
    JSON.writeValue(dir.resolve("summary.json").toFile(), s);
    Files.writeString(dir.resolve("report.md"), markdown(s), StandardCharsets.UTF_8);
  }

  static String markdown(ChaosSummary s) {
    StringBuilder md = new StringBuilder();
    md.append("# Chaos run: ").append(s.passed() ? "passed" : "FAILED").append("\n\n");
    s.failures().forEach(f -> md.append("- ").append(f).append('\n'));
    md.append(String.format("%n%.0f s against %s, %d cameras; %d processor kills, %d broker restarts, %d restarts after the "
        + "processor exited by itself.%n%n", s.durationSeconds(), s.broker(), s.cameras(), s.processorRestarts(), s.brokerRestarts(),
        s.processorExitsRestarted()));
    md.append("| | |\n|---|---|\n");
    row(md, "good frames in", s.framesIn());
    row(md, "masks / cost records", s.masks() + " / " + s.costs());
    row(md, "missing / duplicated / unpublished frames", s.missing() + " / " + s.duplicates() + " / " + s.unexpectedFrames());
    row(md, "dead letters (of good chunks)", s.deadLetters() + " (" + s.deadLettersOfGoodChunks() + ")");
    row(md, "hostile records handled", s.hostileHandled() + " of " + s.hostileSent());
    row(md, "bit-flipped: dead-lettered / decoded, flagged / decoded whole", s.bitFlipped().deadLettered() + " / "
        + s.bitFlipped().decodedFlagged() + " / " + s.bitFlipped().decodedWhole());
    row(md, "slowest recovery, longest read_committed stall (s)", s.recoverySecondsMax() + ", " + s.readCommittedStallSecondsMax()
        + (s.withinRecoveryBounds() ? " (within 10 s, 15 s)" : " (OUTSIDE 10 s, 15 s)"));
    row(md, "processor RSS at start, end (MiB)", s.rssMbStart() + ", " + s.rssMbEnd());
    ChaosLedger.Controller c = s.controller();
    row(md, "controller: max arrival fps (decisions, costs) at a real " + c.cameraFps() + " fps",
        String.format("%.1f (camera %s), %.1f", c.decisionArrivalFpsMax(), c.decisionArrivalFpsMaxCamera(), c.costArrivalFpsMax()));
    row(md, "controller: max desired replicas (decisions, costs)", c.decisionDesiredReplicasMax() + ", " + c.costDesiredReplicasMax());
    md.append("\n## Recoveries\n\n");
    s.recoveries().forEach(r -> md.append("- ").append(r).append('\n'));
    md.append("\n## Verdicts by hostile kind\n\n| kind | must be | verdict |\n|---|---|---|\n");
    s.hostileVerdicts().forEach((kind, verdict) -> md.append("| ").append(kind).append(" | ")
        .append(kind.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" | ")
        .append(verdict.replace("|", "\\|")).append(" |\n"));
    if (s.secondApplication() != null) {
      SecondApplication.Result a = s.secondApplication();
      md.append(String.format("%nSecond application (%s): %d transactions held %d s committed, %d fenced, %d other errors%s.%n",
          String.join(", ", a.transactionalIds()), a.committed(), SecondApplication.HOLD.toSeconds(), a.fenced(), a.otherErrors(),
          a.errors().isEmpty() ? "" : " (e.g. " + a.errors().get(0) + ")"));
    }
    SigtermCheck term = s.sigtermDuringBrokerRestart();
    if (term.done()) {
      md.append(String.format("%nSIGTERM during the broker restart: pid %d, exit code %d after %.1f s%s.%n", term.pid(),
          term.exitCode(), term.exitSeconds(), term.crashReport() != null ? ", crash report " + term.crashReport() : ""));
    }
    if (!s.processorSelfExits().isEmpty()) {
      md.append("\nThe processor exited by itself: ").append(String.join("; ", s.processorSelfExits())).append(".\n");
    }
    md.append("\n## Hostile records by kind\n\n| kind | sent | dead-lettered | other reason | reasons |\n|---|---|---|---|---|\n");
    for (Map.Entry<HostileKind, ChaosLedger.KindTally> e : s.hostileByKind().entrySet()) {
      ChaosLedger.KindTally t = e.getValue();
      md.append("| ").append(e.getKey()).append(" | ").append(t.sent()).append(" | ").append(t.deadLettered()).append(" | ")
          .append(t.refusedForAnotherReason()).append(" | ")
          .append(String.join("<br>", t.reasons().entrySet().stream().limit(3).map(r -> r.getValue() + "x " + r.getKey().replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String what, Object value) {
    md.append("| ").append(what).append(" | ").append(value).append(" |\n");
  }
}
