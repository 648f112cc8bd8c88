package dev.resolute.workbench.chaos;

import dev.resolute.metrics.DeadLetterReasons;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.traffic.CommittedOutputWatch.Letter;
import dev.resolute.testkit.traffic.CommittedOutputWatch.Seen;
import dev.resolute.testkit.traffic.CommittedOutputWatch;
import dev.resolute.testkit.traffic.FrameId;
import dev.resolute.workbench.chaos.HostilePublisher.Sent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles a run's accounts, frame by frame, from what a read_committed reader saw: every good
 * frame exactly one mask and one cost record, every hostile record dead-lettered under its own
 * partition and offset (or, for a bit-flipped chunk that decoded through concealment, each of its
 * frames out exactly once), and no output for a frame nobody published. The chunks of the cameras
 * named {@code constructor} and {@code __proto__} are good video: their frames count as good frames,
 * and a dead letter of one is a failure.
 */
public final class ChaosLedger {
  /** What became of the bit-flipped chunks. */
  public record BitFlips(long sent, long deadLettered, long decodedFlagged, long decodedWhole, long unhandled) {}

  /**
   * One kind of hostile record: how many went out, how many were refused, and why; how many came
   * to what the kind must come to ({@link HostileKind#outcome()}), and the verdict in words.
   */
  public record KindTally(long sent, long deadLettered, long refusedForAnotherReason, Map<String, Long> reasons,
      HostileKind.Outcome expected, long handled, String verdict) {
    public boolean passed() {
      return verdict.startsWith("passed");
    }
  }

  /** The controller's most extreme figures over the run, against the cameras' real rate. */
  public record Controller(double cameraFps, double decisionArrivalFpsMax, int decisionDesiredReplicasMax,
      double costArrivalFpsMax, int costDesiredReplicasMax, long decisions, List<String> costsWantingMoreReplicas,
      String decisionArrivalFpsMaxCamera) {}

  /** The accounts. */
  public record Accounts(long framesIn, long masks, long costs, long missing, long duplicates, long unexpected,
      long deadLetters, long deadLettersOfGoodChunks, long hostileSent, long hostileHandled, List<String> hostileUnhandled,
      BitFlips bitFlips, Map<HostileKind, KindTally> hostileByKind, Controller controller, List<FrameId> missingExamples,
      List<FrameId> duplicateExamples, List<FrameId> unexpectedExamples) {}

  private ChaosLedger() {}

  public static Accounts settle(Set<FrameId> good, List<Sent> hostile, CommittedOutputWatch watch, double cameraFps) {
    List<Seen> seen = watch.seen();
    Map<FrameId, Long> masks = count(seen, Topics.MASKS);
    Map<FrameId, Long> costs = count(seen, Topics.FRAME_COSTS);
    Set<FrameId> damaged = seen.stream().filter(Seen::damaged).map(Seen::frame).collect(Collectors.toSet());
    Map<Long, Letter> letters = new HashMap<>();
    watch.deadLetters().forEach(l -> letters.put(where(l.partition(), l.offset()), l));

    Set<FrameId> expected = new HashSet<>(good);
    hostile.stream().filter(s -> s.record().kind().outcome() == HostileKind.Outcome.MASKED)
        .forEach(s -> expected.addAll(s.record().framesIfDecoded()));
    List<FrameId> missing = expected.stream().filter(f -> !masks.containsKey(f) || !costs.containsKey(f)).sorted(ORDER).toList();
    List<FrameId> duplicates = new HashSet<FrameId>(union(masks.keySet(), costs.keySet())).stream()
        .filter(f -> masks.getOrDefault(f, 0L) > 1 || costs.getOrDefault(f, 0L) > 1).sorted(ORDER).toList();

    Set<FrameId> flipFrames = new HashSet<>();
    Set<Long> hostileOffsets = new HashSet<>();
    Map<HostileKind, List<Sent>> byKind = new EnumMap<>(HostileKind.class);
    Map<HostileKind, Long> handledByKind = new EnumMap<>(HostileKind.class);
    List<String> unhandled = new ArrayList<>();
    long handled = 0;
    long flipLettered = 0;
    long flipFlagged = 0;
    long flipWhole = 0;
    for (Sent s : hostile) {
      hostileOffsets.add(where(s.partition(), s.offset()));
      byKind.computeIfAbsent(s.record().kind(), k -> new ArrayList<>()).add(s);
      flipFrames.addAll(s.record().framesIfDecoded());
      boolean lettered = letters.containsKey(where(s.partition(), s.offset()));
      Set<FrameId> frames = s.record().framesIfDecoded();
      boolean decodedOnce = !frames.isEmpty()
          && frames.stream().allMatch(f -> masks.getOrDefault(f, 0L) == 1 && costs.getOrDefault(f, 0L) == 1);
      if (s.record().kind() == HostileKind.BIT_FLIPPED) {
        if (lettered) {
          flipLettered++;
        } else if (decodedOnce && frames.stream().anyMatch(damaged::contains)) {
          flipFlagged++;
        } else if (decodedOnce) {
          flipWhole++;
        }
      }
      boolean asExpected = s.record().kind().outcome() == HostileKind.Outcome.MASKED ? decodedOnce && !lettered
          : lettered || decodedOnce;
      if (asExpected) {
        handled++;
        handledByKind.merge(s.record().kind(), 1L, Long::sum);
      } else {
        unhandled.add(s.record().kind() + " at " + s.partition() + "@" + s.offset());
      }
    }
    long flipsSent = byKind.getOrDefault(HostileKind.BIT_FLIPPED, List.of()).size();
    List<FrameId> unexpected = union(masks.keySet(), costs.keySet()).stream()
        .filter(f -> !expected.contains(f) && !flipFrames.contains(f)).sorted(ORDER).toList();
    long lettersOfGood = letters.keySet().stream().filter(w -> !hostileOffsets.contains(w)).count();
    return new Accounts(expected.size(), sum(masks), sum(costs), missing.size(), duplicates.size(), unexpected.size(), letters.size(),
        lettersOfGood, hostile.size(), handled, unhandled,
        new BitFlips(flipsSent, flipLettered, flipFlagged, flipWhole, flipsSent - flipLettered - flipFlagged - flipWhole),
        tallies(byKind, handledByKind, letters), controller(watch, cameraFps), missing.stream().limit(10).toList(),
        duplicates.stream().limit(10).toList(), unexpected.stream().limit(10).toList());
  }

  private static Map<HostileKind, KindTally> tallies(Map<HostileKind, List<Sent>> byKind, Map<HostileKind, Long> handledByKind,
      Map<Long, Letter> letters) {
    Map<HostileKind, KindTally> tallies = new LinkedHashMap<>();
    byKind.forEach((kind, sent) -> {
      List<String> reasons = sent.stream().map(s -> letters.get(where(s.partition(), s.offset()))).filter(l -> l != null)
          .map(Letter::reason).toList();
      long otherReason = reasons.stream().filter(r -> !r.contains(kind.reasonFragment())).count();
      Map<String, Long> grouped = DeadLetterReasons.counts(DeadLetterReasons.group(reasons));
      long handled = handledByKind.getOrDefault(kind, 0L);
      tallies.put(kind, new KindTally(sent.size(), reasons.size(), otherReason, grouped, kind.outcome(), handled,
          verdict(kind, sent.size(), reasons.size(), otherReason, handled, grouped)));
    });
    return tallies;
  }

  /** "passed: ..." or "FAILED: ...", with the first reason given where a refusal is the trouble. */
  static String verdict(HostileKind kind, long sent, long lettered, long otherReason, long handled, Map<String, Long> reasons) {
    String firstReason = reasons.keySet().stream().findFirst().map(r -> ", e.g. '" + r + "'").orElse("");
    return switch (kind.outcome()) {
      case DEAD_LETTERED -> lettered < sent ? "FAILED: " + (sent - lettered) + " of " + sent + " not dead-lettered" + firstReason
          : otherReason > 0 ? "FAILED: " + otherReason + " of " + sent + " dead-lettered for a reason without '"
              + kind.reasonFragment() + "'" + firstReason
          : "passed: " + sent + " of " + sent + " dead-lettered" + (kind.reasonFragment().isEmpty() ? ""
              : " for '" + kind.reasonFragment() + "'");
      case DEAD_LETTERED_OR_DECODED -> handled < sent ? "FAILED: " + (sent - handled) + " of " + sent
          + " neither dead-lettered nor every frame out once" : "passed: " + sent + " dead-lettered or out once";
      case MASKED -> lettered > 0 ? "FAILED: " + lettered + " of " + sent + " good chunks dead-lettered" + firstReason
          : handled < sent ? "FAILED: " + (sent - handled) + " of " + sent + " good chunks not masked exactly once"
          : "passed: " + sent + " of " + sent + " chunks masked exactly once";
      case NOT_FENCED, CLEAN_EXIT -> throw new IllegalArgumentException(kind + " is not a record");
    };
  }

  private static Controller controller(CommittedOutputWatch watch, double cameraFps) {
    List<ControlDecision> decisions = watch.decisions();
    List<CommittedOutputWatch.CostSignal> signals = watch.costSignals();
    return new Controller(cameraFps,
        decisions.stream().mapToDouble(ControlDecision::getArrivalFps).max().orElse(0),
        decisions.stream().mapToInt(ControlDecision::getDesiredReplicas).max().orElse(0),
        signals.stream().mapToDouble(CommittedOutputWatch.CostSignal::arrivalFps).max().orElse(0),
        signals.stream().mapToInt(CommittedOutputWatch.CostSignal::desiredReplicas).max().orElse(0),
        decisions.size(), signals.stream().map(CommittedOutputWatch.CostSignal::detailIfScaling).filter(d -> d != null).limit(5).toList(),
        // which camera moved the controller most: an attack's, or a real one's
        decisions.stream().max(java.util.Comparator.comparingDouble(ControlDecision::getArrivalFps))
            .map(d -> dev.resolute.schemas.CameraIds.valid(d.getCameraId()) ? d.getCameraId()
                : dev.resolute.schemas.CameraIds.printable(d.getCameraId())).orElse(""));
  }

  private static final java.util.Comparator<FrameId> ORDER = java.util.Comparator.comparing(FrameId::camera)
      .thenComparingLong(FrameId::chunk).thenComparingLong(FrameId::frame);

  /** Partition and offset in one key: the dead-letter topic names a record of the chunk topic by both. */
  private static long where(int partition, long offset) {
    return ((long) partition << 48) | offset;
  }

  private static Map<FrameId, Long> count(List<Seen> seen, String topic) {
    return seen.stream().filter(s -> s.topic().equals(topic)).collect(Collectors.groupingBy(Seen::frame, Collectors.counting()));
  }

  private static Set<FrameId> union(Set<FrameId> a, Set<FrameId> b) {
    Set<FrameId> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static long sum(Map<FrameId, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
