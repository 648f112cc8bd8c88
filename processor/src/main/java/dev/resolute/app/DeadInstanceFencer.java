package dev.resolute.app;

import dev.resolute.instance.MissingAcl;
import dev.resolute.instance.ThrottledWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the open transaction of an instance that died and is not coming back. A restarted
 * instance fences its own predecessor (same transactional id, see {@link StableTransactionalIds});
 * one that stays dead leaves its last transaction open, and read_committed readers of every
 * partition it wrote to wait until the transaction timeout, long after the survivors took its
 * partitions. So each named instance looks every few seconds for open transactions and fences
 * (Admin fenceProducers, which aborts the transaction) those {@link FencingRule} allows: ids of this
 * application's instance-id scheme whose instance left the group and that have been open longer
 * than a session timeout, and, once at start ({@link FirstPassWindow}), its own ids of threads it
 * no longer runs.
 *
 * <p><b>Upgrading from {@code <application id>-<instance id>-<thread>} ids.</b> That format could
 * not be parsed without doubt, so the ids are now {@link InstanceTransactionalId}'s, and this
 * fencer never touches an id of the old format, not even its own instance's: application
 * {@code resolute}'s instance {@code eu-0} and application {@code resolute-eu}'s instance {@code 0}
 * both wrote {@code resolute-eu-0-1}, and aborting the second's live transaction during a
 * mixed-version upgrade would be the bug this format fixes. An old-release instance killed during
 * the upgrade leaves its transaction to time out ({@code transaction.timeout.ms}), restarted or not,
 * as a killed instance without an instance id always did; one stopped cleanly (SIGTERM, as a
 * rolling update does) leaves none. Old-release instances still running do not fence new-format
 * ids: their pattern needs {@code <application id>-}.
 *
 * <p>Failures (a broker away, a missing ACL) are warned about once a minute, naming the ACL.
 */
final class DeadInstanceFencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeadInstanceFencer.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final Admin admin;
  private final FencingRule rule;
  private final Clock clock;
  private final ThrottledWarning failures;
  private final FirstPassWindow firstPass;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "resolute-dead-instance-fencer");
    thread.setDaemon(true);
    return thread;
  });

  DeadInstanceFencer(Map<String, Object> adminProperties, FencingRule rule, Clock clock) {
    this.admin = Admin.create(adminProperties);
    this.rule = rule;
    this.clock = clock;
    this.failures = new ThrottledWarning(WARN_EVERY, clock, log::warn, log::info);
    this.firstPass = new FirstPassWindow(clock);
  }

  /** The first pass at once, for a predecessor's ids; then every {@code every}. */
  void start(Duration every) {
    timer.scheduleWithFixedDelay(this::fenceOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass; the transactional ids it fenced, with why. */
  Map<String, FencingRule.Verdict> fenceOnce() {
    Map<String, FencingRule.Verdict> fenced = new HashMap<>();
    try {
      List<String> open = admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
          .all().get(10, TimeUnit.SECONDS).stream().map(TransactionListing::transactionalId).filter(rule::candidate).toList();
      if (!open.isEmpty()) {
        Set<String> members = liveInstances();
        Map<String, TransactionDescription> descriptions = admin.describeTransactions(open).all().get(10, TimeUnit.SECONDS);
        long now = clock.millis();
        descriptions.forEach((id, description) -> {
          if (description.state() == TransactionState.ONGOING) {
            FencingRule.Verdict verdict = rule.judge(id, description.transactionStartTimeMs(), now, members, firstPass.open());
            if (verdict != FencingRule.Verdict.SPARE) {
              fenced.put(id, verdict);
            }
          }
        });
      }
      if (!fenced.isEmpty()) {
        admin.fenceProducers(fenced.keySet()).all().get(10, TimeUnit.SECONDS);
        log.info("aborted open transactions: {}", fenced);
      }
      firstPass.passCompleted();
      failures.succeeded("looking for dead instances' transactions works again");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // the next pass tries again; a broker that does not answer now is the common case here
      failures.failed("cannot look for dead instances' open transactions (the next pass tries again): "
          + MissingAcl.describe(e, rule.applicationId() + InstanceTransactionalId.SEPARATOR, rule.applicationId()));
      fenced.clear();
    }
    return fenced;
  }

  /** Instance ids of the group's members: Kafka Streams adds "-<thread>" to each consumer's. */
  private Set<String> liveInstances() throws Exception {
    Set<String> instances = new HashSet<>();
    String group = rule.applicationId();
    for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members()) {
      member.groupInstanceId().ifPresent(id -> instances.add(id.replaceFirst("-\\d+$", "")));
    }
    return instances;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
