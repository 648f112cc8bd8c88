package dev.resolute.app;

import java.util.Optional;

/**
 * The transactional id of one stream thread of a named instance:
 * {@code <application id>~<instance id>~<thread index>}.
 *
 * <p>Application and instance ids are letters, digits, {@code .}, {@code _} and {@code -}
 * ({@code ProcessorConfig} refuses anything else), so {@code ~} can only be a separator: an id
 * parses one way or not at all. The earlier format {@code <application id>-<instance id>-<thread>}
 * did not: {@code resolute-eu-eu-0-1} reads as application {@code resolute}, instance
 * {@code eu-eu-0}, and so do Kafka Streams' own ids of an instance without an instance id
 * ({@code resolute-<process uuid>-1}) and any producer whose id merely starts with
 * {@code resolute-}. So ids of the earlier format are never fenced ({@link FencingRule}). A prefixed
 * ACL on the application id still covers these ids.
 *
 * @param thread Kafka Streams' stream thread index, from 1
 */
record InstanceTransactionalId(String applicationId, String instanceId, int thread) {
  static final char SEPARATOR = '~';

  InstanceTransactionalId {
    if (applicationId.isEmpty() || applicationId.indexOf(SEPARATOR) >= 0 || instanceId.isEmpty() || instanceId.indexOf(SEPARATOR) >= 0
        || thread < 1) {
      throw new IllegalArgumentException("not a transactional id of a named instance: " + applicationId + ", " + instanceId + ", " + thread);
    }
  }

  /** The id of {@code applicationId}'s own scheme, or empty for anything else (another application's, Kafka Streams' own, a plain producer's). */
  static Optional<InstanceTransactionalId> parse(String applicationId, String transactionalId) {
    String prefix = applicationId + SEPARATOR;
    if (!transactionalId.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = transactionalId.substring(prefix.length());
    int last = rest.lastIndexOf(SEPARATOR);
    if (last <= 0 || rest.indexOf(SEPARATOR) != last) {
      return Optional.empty();
    }
    String thread = rest.substring(last + 1);
    if (!thread.matches("[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    return Optional.of(new InstanceTransactionalId(applicationId, rest.substring(0, last), Integer.parseInt(thread)));
  }

  @Override
  public String toString() {
    return applicationId + SEPARATOR + instanceId + SEPARATOR + thread;
  }
}
