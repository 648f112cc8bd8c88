package dev.resolute.app;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * partitions. So each instance watches for transactions of this application whose instance has
 * left the group and has been open longer than a session timeout, and fences them (Admin
 * fenceProducers, which aborts the transaction), at most a few seconds after the group noticed.
 */
final class DeadInstanceFencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeadInstanceFencer.class);

  private final Admin admin;
  private final String applicationId;
  private final Pattern ownIds;
  private final Duration openLongerThan;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "resolute-dead-instance-fencer");
    thread.setDaemon(true);
    return thread;
  });

  DeadInstanceFencer(Map<String, Object> adminProperties, String applicationId, Duration openLongerThan, Clock clock) {
    this.admin = Admin.create(adminProperties);
    this.applicationId = applicationId;
    // "<application id>-<instance id>-<thread>", the ids StableTransactionalIds gives
    this.ownIds = Pattern.compile(Pattern.quote(applicationId) + "-(.+)-(\\d+)");
    this.openLongerThan = openLongerThan;
    this.clock = clock;
  }

  void start(Duration every) {
    timer.scheduleWithFixedDelay(this::fenceOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass; the transactional ids it fenced. */
  Set<String> fenceOnce() {
    Set<String> fenced = new HashSet<>();
    try {
      List<String> open = admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
          .all().get(10, TimeUnit.SECONDS).stream().map(TransactionListing::transactionalId)
          .filter(id -> ownIds.matcher(id).matches()).toList();
      if (open.isEmpty()) {
        return fenced;
      }
      Set<String> members = liveInstances();
      Map<String, TransactionDescription> descriptions = admin.describeTransactions(open).all().get(10, TimeUnit.SECONDS);
      long now = clock.millis();
      for (String id : open) {
        Matcher parts = ownIds.matcher(id);
        TransactionDescription description = descriptions.get(id);
        if (parts.matches() && !members.contains(parts.group(1)) && description != null
            && description.state() == TransactionState.ONGOING
            && description.transactionStartTimeMs().orElse(now) < now - openLongerThan.toMillis()) {
          fenced.add(id);
        }
      }
      if (!fenced.isEmpty()) {
        admin.fenceProducers(fenced).all().get(10, TimeUnit.SECONDS);
        log.info("aborted the open transactions of instances that left the group: {}", fenced);
      }
    } catch (Exception e) {
      // the next pass tries again; a broker that does not answer now is the common case here
      log.debug("could not look for dead instances' transactions: {}", e.toString());
      fenced.clear();
    }
    return fenced;
  }

  /** Instance ids of the group's members: Kafka Streams adds "-<thread>" to each consumer's. */
  private Set<String> liveInstances() throws Exception {
    Set<String> instances = new HashSet<>();
    for (MemberDescription member : admin.describeConsumerGroups(List.of(applicationId)).all().get(10, TimeUnit.SECONDS)
        .get(applicationId).members()) {
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
