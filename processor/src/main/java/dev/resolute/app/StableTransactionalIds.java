package dev.resolute.app;

import java.util.function.UnaryOperator;

/**
 * Gives each stream thread's producer a transactional id that survives a restart, so the successor
 * of a killed instance fences its predecessor's open transaction the moment it starts.
 *
 * <p>Kafka Streams 4.4 names a thread's producer {@code <application.id>-<process id>-<thread
 * index>} under exactly_once_v2 ({@code ActiveTaskCreator}), and refuses a user-set
 * {@code transactional.id}. The process id is a random UUID at every start unless the topology has
 * persistent state stores: only then does {@code StateDirectory} keep it in the state directory's
 * {@code kafka-streams-process-metadata}. Resolute's topology is stateless, so each start used a new
 * transactional id, could not fence the dead one, and read_committed readers stalled behind the
 * dead transaction until {@code transaction.timeout.ms}. {@code group.instance.id} does not enter
 * the transactional id either. Here the process id is replaced by the instance id, which the
 * operator keeps stable (a StatefulSet's pod name): a restart under the same id calls
 * {@code initTransactions} with the same transactional id, and the coordinator aborts the
 * predecessor's transaction and bumps the epoch so that a zombie cannot commit. The id's format is
 * {@link InstanceTransactionalId}'s, which {@link DeadInstanceFencer} parses back.
 */
final class StableTransactionalIds implements UnaryOperator<String> {
  private final String applicationId;
  private final String instanceId;

  StableTransactionalIds(String applicationId, String instanceId) {
    this.applicationId = applicationId;
    this.instanceId = instanceId;
  }

  /** {@code <application.id>~<instance id>~<thread index>}, from the id Kafka Streams chose. */
  String rewrite(String streamsTransactionalId) {
    String prefix = applicationId + "-";
    int lastDash = streamsTransactionalId.lastIndexOf('-');
    String threadIndex = lastDash < 0 ? "" : streamsTransactionalId.substring(lastDash + 1);
    // a Kafka upgrade that names producers differently must fail here, not silently lose fencing
    if (!streamsTransactionalId.startsWith(prefix) || !threadIndex.matches("[1-9]\\d{0,8}")) {
      throw new IllegalStateException("unexpected transactional.id from Kafka Streams: '" + streamsTransactionalId
          + "' (expected " + prefix + "<process id>-<thread index>)");
    }
    return new InstanceTransactionalId(applicationId, instanceId, Integer.parseInt(threadIndex)).toString();
  }

  @Override
  public String apply(String streamsTransactionalId) {
    return rewrite(streamsTransactionalId);
  }
}
