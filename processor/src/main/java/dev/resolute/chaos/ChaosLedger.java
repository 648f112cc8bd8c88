package dev.resolute.chaos;

import dev.resolute.app.DeadLetterReasons;
import dev.resolute.chaos.CommittedOutputWatch.Letter;
import dev.resolute.chaos.CommittedOutputWatch.Seen;
import dev.resolute.chaos.HostilePublisher.Sent;
import dev.resolute.schemas.ControlDecision;
import dev.resolute.topology.Topics;
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
 * frames out exactly once), and no output for a frame nobody published.
 */
public final class ChaosLedger {
  /** What became of the bit-flipped chunks. */
  public record BitFlips(long sent, long deadLettered, long decodedFlagged, long decodedWhole, long unhandled) {}

  /** One kind of hostile record: how many went out, how many were refused, and why. */
  public record KindTally(long sent, long deadLettered, long refusedForAnotherReason, Map<String, Long> reasons) {}

  /** The controller's most extreme figures over the run, against the cameras' real rate. */
  public record Controller(double cameraFps, double decisionArrivalFpsMax, int decisionDesiredReplicasMax,
      double costArrivalFpsMax, int costDesiredReplicasMax, long decisions, List<String> costsWantingMoreReplicas) {}

  /** The accounts. */
  public record Accounts(long framesIn, long masks, long costs, long missing, long duplicates, long unexpected,
      long deadLetters, long deadLettersOfGoodChunks, long hostileSent, long hostileHandled, List<String> hostileUnhandled,
      BitFlips bitFlips, Map<HostileKind, KindTally> hostileByKind, Controller controller, List<FrameId> missingExamples,
      List<FrameId> duplicateExamples) {}

  private ChaosLedger() {}

  public static Accounts settle(Set<FrameId> good, List<Sent> hostile, CommittedOutputWatch watch, double cameraFps) {
    List<Seen> seen = watch.seen();
    Map<FrameId, Long> masks = count(seen, Topics.MASKS);
    Map<FrameId, Long> costs = count(seen, Topics.FRAME_COSTS);
    Set<FrameId> damaged = seen.stream().filter(Seen::damaged).map(Seen::frame).collect(Collectors.toSet());
    Map<Long, Letter> letters = new HashMap<>();
    watch.deadLetters().forEach(l -> letters.put(where(l.partition(), l.offset()), l));

    List<FrameId> missing = good.stream().filter(f -> !masks.containsKey(f) || !costs.containsKey(f)).sorted(ORDER).toList();
    List<FrameId> duplicates = new HashSet<FrameId>(union(masks.keySet(), costs.keySet())).stream()
        .filter(f -> masks.getOrDefault(f, 0L) > 1 || costs.getOrDefault(f, 0L) > 1).sorted(ORDER).toList();

    Set<FrameId> flipFrames = new HashSet<>();
    Set<Long> hostileOffsets = new HashSet<>();
    Map<HostileKind, List<Sent>> byKind = new EnumMap<>(HostileKind.class);
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
      if (lettered || decodedOnce) {
        handled++;
      } else {
        unhandled.add(s.record().kind() + " at " + s.partition() + "@" + s.offset());
      }
    }
    long flipsSent = byKind.getOrDefault(HostileKind.BIT_FLIPPED, List.of()).size();
    long unexpected = union(masks.keySet(), costs.keySet()).stream().filter(f -> !good.contains(f) && !flipFrames.contains(f)).count();
    long lettersOfGood = letters.keySet().stream().filter(w -> !hostileOffsets.contains(w)).count();
    return new Accounts(good.size(), sum(masks), sum(costs), missing.size(), duplicates.size(), unexpected, letters.size(),
        lettersOfGood, hostile.size(), handled, unhandled,
        new BitFlips(flipsSent, flipLettered, flipFlagged, flipWhole, flipsSent - flipLettered - flipFlagged - flipWhole),
        tallies(byKind, letters), controller(watch, cameraFps), missing.stream().limit(10).toList(),
        duplicates.stream().limit(10).toList());
  }

  private static Map<HostileKind, KindTally> tallies(Map<HostileKind, List<Sent>> byKind, Map<Long, Letter> letters) {
    Map<HostileKind, KindTally> tallies = new LinkedHashMap<>();
    byKind.forEach((kind, sent) -> {
      List<String> reasons = sent.stream().map(s -> letters.get(where(s.partition(), s.offset()))).filter(l -> l != null)
          .map(Letter::reason).toList();
      long otherReason = reasons.stream().filter(r -> !r.contains(kind.reasonFragment())).count();
      tallies.put(kind, new KindTally(sent.size(), reasons.size(), otherReason,
          DeadLetterReasons.counts(DeadLetterReasons.group(reasons))));
    });
    return tallies;
  }

  private static Controller controller(CommittedOutputWatch watch, double cameraFps) {
    List<ControlDecision> decisions = watch.decisions();
    List<CommittedOutputWatch.CostSignal> signals = watch.costSignals();
    return new Controller(cameraFps,
        decisions.stream().mapToDouble(ControlDecision::getArrivalFps).max().orElse(0),
        decisions.stream().mapToInt(ControlDecision::getDesiredReplicas).max().orElse(0),
        signals.stream().mapToDouble(CommittedOutputWatch.CostSignal::arrivalFps).max().orElse(0),
        signals.stream().mapToInt(CommittedOutputWatch.CostSignal::desiredReplicas).max().orElse(0),
        decisions.size(), signals.stream().map(CommittedOutputWatch.CostSignal::detailIfScaling).filter(d -> d != null).limit(5).toList());
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
