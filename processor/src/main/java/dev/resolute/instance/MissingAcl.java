package dev.resolute.instance;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Names the Kafka ACL whose absence an exception reports, so that an operator reads what to grant
 * instead of an exception class. Null when the failure is not about permissions.
 */
public final class MissingAcl {
  private MissingAcl() {}

  /**
   * @param transactionalIds the transactional-id pattern the caller uses, for the hint
   * @param group the consumer group it describes
   */
  public static String of(Throwable failure, String transactionalIds, String group) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TransactionalIdAuthorizationException) {
      return "DESCRIBE and WRITE on TransactionalId " + transactionalIds + " (prefixed)";
    }
    if (cause instanceof ClusterAuthorizationException) {
      return "DESCRIBE on Cluster";
    }
    if (cause instanceof GroupAuthorizationException) {
      return "DESCRIBE on Group " + group;
    }
    if (cause instanceof TopicAuthorizationException topics) {
      return "READ, WRITE and DESCRIBE on Topic " + (topics.unauthorizedTopics().isEmpty() ? "?" : String.join(", ", topics.unauthorizedTopics()));
    }
    return null;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** {@code failure} in one line: the ACL to grant when it is one, else the exception itself. */
  public static String describe(Throwable failure, String transactionalIds, String group) {
    String acl = of(failure, transactionalIds, group);
    Throwable cause = unwrap(failure);
    return acl == null ? cause.toString() : "not authorized (" + cause.getClass().getSimpleName() + "): grant " + acl;
  }
}
