package dev.resolute.workbench.chaos;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} of a chaos run. The names of the first fields are a public interface: scripts
 * and dashboards read them.
 */
@JsonPropertyOrder({"passed", "failures", "framesIn", "masks", "costs", "missing", "duplicates", "deadLetters",
    "processorRestarts", "brokerRestarts", "recoverySecondsMax", "readCommittedStallSecondsMax", "rssMbStart", "rssMbEnd"})
public record ChaosSummary(
    boolean passed,
    List<String> failures,
    long framesIn,
    long masks,
    long costs,
    long missing,
    long duplicates,
    long deadLetters,
    int processorRestarts,
    int brokerRestarts,
    double recoverySecondsMax,
    double readCommittedStallSecondsMax,
    double rssMbStart,
    double rssMbEnd,
    /** Restarts after the processor exited by itself (e.g. while the broker was down), as a supervisor would. */
    int processorExitsRestarted,
    long unexpectedFrames,
    long deadLettersOfGoodChunks,
    long hostileSent,
    long hostileHandled,
    List<String> hostileUnhandled,
    ChaosLedger.BitFlips bitFlipped,
    Map<HostileKind, ChaosLedger.KindTally> hostileByKind,
    ChaosLedger.Controller controller,
    List<Recovery> recoveries,
    boolean withinRecoveryBounds,
    double durationSeconds,
    int cameras,
    String broker,
    List<String> missingExamples,
    List<String> duplicateExamples,
    /** The attacks this run made, and for each "passed: ...", "FAILED: ..." or "not run: ...". */
    List<HostileKind> hostileKinds,
    Map<HostileKind, String> hostileVerdicts,
    /** Null when {@link HostileKind#SECOND_APPLICATION} was not selected. */
    SecondApplication.Result secondApplication,
    SigtermCheck sigtermDuringBrokerRestart,
    /** Each time the processor exited without being killed or SIGTERMed: its pid and exit code. */
    List<String> processorSelfExits,
    List<String> unexpectedExamples) {}
