package dev.resolute.app;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which open transactions one named instance may abort. Only ids of this application's own
 * instance-id scheme ({@link InstanceTransactionalId}) are ever candidates: another application's,
 * an instance's without an instance id (Kafka Streams' random ids), a plain producer's are spared
 * whatever they look like.
 *
 * <ul>
 *   <li>another instance's: when it is not a member of the group and the transaction has been open
 *       longer than a session timeout (its members would have been removed by then);
 *   <li>this instance's own, in the first pass after a start only: the ids of stream threads it no
 *       longer runs (a restart with fewer {@code --stream-threads}; its own threads' ids are fenced
 *       by their {@code initTransactions}). Later passes leave them alone: such an id open again can
 *       only be another live process under the same instance id, and fencing it every pass would be
 *       a fencing loop; the instance lease keeps that process from starting at all.
 * </ul>
 *
 * <p>Ids of the format before {@link InstanceTransactionalId} ({@code <application id>-<instance
 * id>-<thread>}) are never fenced, not even this instance's own: {@code resolute-eu-0-1} is
 * application {@code resolute}'s instance {@code eu-0} as much as application {@code resolute-eu}'s
 * instance {@code 0}, and during a mixed-version upgrade the second may be live. Such an id left open
 * by a killed old-release instance times out ({@code transaction.timeout.ms}), as it did before.
 *
 * @param streamThreads this instance's stream threads: indexes 1..streamThreads are its own
 */
record FencingRule(String applicationId, String instanceId, int streamThreads, Duration openLongerThan) {
  enum Verdict {
    SPARE,
    /** Another instance of this application, gone from the group. */
    DEAD_INSTANCE,
    /** This instance's id for a thread index above its thread count. */
    RETIRED_THREAD
  }

  /** Whether the id could ever be fenced: those worth describing. */
  boolean candidate(String transactionalId) {
    return InstanceTransactionalId.parse(applicationId, transactionalId).isPresent();
  }

  /**
   * @param startedMs when the transaction started, empty when the coordinator did not say
   * @param liveInstances instance ids of the group's members now
   * @param firstPass whether the pass is within the first-pass window after this instance started
   *     ({@link FirstPassWindow})
   */
  Verdict judge(String transactionalId, OptionalLong startedMs, long nowMs, Set<String> liveInstances, boolean firstPass) {
    Optional<InstanceTransactionalId> parsed = InstanceTransactionalId.parse(applicationId, transactionalId);
    if (parsed.isEmpty()) {
      return Verdict.SPARE;
    }
    InstanceTransactionalId id = parsed.get();
    if (id.instanceId().equals(instanceId)) {
      return firstPass && id.thread() > streamThreads ? Verdict.RETIRED_THREAD : Verdict.SPARE;
    }
    boolean openLong = startedMs.isPresent() && startedMs.getAsLong() < nowMs - openLongerThan.toMillis();
    return openLong && !liveInstances.contains(id.instanceId()) ? Verdict.DEAD_INSTANCE : Verdict.SPARE;
  }
}
