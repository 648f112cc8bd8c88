package dev.resolute.instance;

import dev.resolute.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live process per instance id. Two processes under one {@code --instance-id} take each
 * other's static group membership and fence each other's transactions (the ids are the same), and
 * under a supervisor they do it in a loop. Group membership cannot tell a live holder from one
 * killed a moment ago (a static member outlives its process by the session timeout), and a
 * restart at once under the same id, as a StatefulSet or {@code chaos} does, must not wait for it.
 *
 * <p>So the holder renews a lease every {@link #RENEW_EVERY} on {@link Topics#INSTANCE_LEASES}:
 * a record keyed by application and instance id carrying a nonce drawn at each start. A starter
 * renews under its own nonce at once and watches the topic from its end for {@link #WATCH}: two
 * renewals under its key from another nonce stamped during the watch mean a live holder
 * ({@link HolderSightings} says why one is not enough), and it refuses to start before it touched
 * the group or a transaction. A killed holder renews nothing, so its successor starts after the
 * watch. Two starters at the same moment see each other and both
 * refuse, which a supervisor's next restarts resolve; neither fences the other.
 */
public final class InstanceLease implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstanceLease.class);
  static final Duration RENEW_EVERY = Duration.ofSeconds(1);
  /**
   * A live holder's second renewal during the watch is sent at most two intervals after the watch
   * began; the rest is the 1.5 s it may take to become visible.
   */
  static final Duration WATCH = Duration.ofMillis(3_500);

  private final String key;
  private final String instanceId;
  private final String applicationId;
  private final LeaseValue mine;
  private final KafkaProducer<String, String> producer;
  private final ThrottledWarning renewalFailures;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "resolute-instance-lease");
    thread.setDaemon(true);
    return thread;
  });
  private final CompletableFuture<LeaseValue> watched = new CompletableFuture<>();

  private InstanceLease(Map<String, Object> clientProperties, String applicationId, String instanceId) {
    this.applicationId = applicationId;
    this.instanceId = instanceId;
    this.key = applicationId + "~" + instanceId;
    this.mine = LeaseValue.mine(UUID.randomUUID().toString());
    this.renewalFailures = new ThrottledWarning(Duration.ofMinutes(1), Clock.systemUTC(), log::warn, log::info);
    Map<String, Object> props = new HashMap<>(clientProperties);
    // not "all": a reader sees a renewal at the high watermark either way, and acks=all would only
    // add a failure (too few in-sync replicas) that hides a live holder from its would-be twin
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false); // no IDEMPOTENT_WRITE ACL for a heartbeat
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000); // a broker away must not stall the renewals
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /**
   * Starts renewing {@code instanceId}'s lease and watching for another holder; returns at once,
   * so that the caller loads its model meanwhile and then calls {@link #awaitHeld}.
   */
  public static InstanceLease claim(Map<String, Object> clientProperties, String applicationId, String instanceId) {
    InstanceLease lease = new InstanceLease(clientProperties, applicationId, instanceId);
    Thread watcher = new Thread(() -> lease.watch(clientProperties), "resolute-instance-lease-watch");
    watcher.setDaemon(true);
    watcher.start();
    lease.timer.scheduleAtFixedRate(lease::renew, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return lease;
  }

  /**
   * Waits out the watch.
   *
   * @throws InstanceIdInUseException when a live process renews this instance id
   * @throws IllegalStateException when the lease topic could not be read
   */
  public void awaitHeld() throws InterruptedException {
    LeaseValue other;
    try {
      other = watched.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read topic " + Topics.INSTANCE_LEASES + " to check that instance id '" + instanceId
          + "' is free: " + MissingAcl.describe(e.getCause(), applicationId + "~", applicationId), e.getCause());
    }
    if (other != null) {
      throw new InstanceIdInUseException("instance id '" + instanceId + "' of application '" + applicationId
          + "' is held by a live process (" + other.holder() + ", renewing it on topic " + Topics.INSTANCE_LEASES
          + "): stop that process or give this one another --instance-id");
    }
  }

  private void watch(Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group to join or authorize
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.INSTANCE_LEASES, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + Topics.INSTANCE_LEASES + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // the watch starts now: a dead holder's last renewal lies before it
      HolderSightings sightings = new HolderSightings(key, mine.nonce(), System.currentTimeMillis());
      long deadline = System.nanoTime() + WATCH.toNanos();
      for (long left = WATCH.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofNanos(left))) {
          LeaseValue holder = sightings.offer(record.key(), record.value(), record.timestamp());
          if (holder != null) {
            watched.complete(holder);
            return;
          }
        }
      }
      watched.complete(null);
    } catch (RuntimeException e) {
      watched.completeExceptionally(e);
    }
  }

  private void renew() {
    try {
      producer.send(new ProducerRecord<>(Topics.INSTANCE_LEASES, key, mine.toString()), (metadata, failure) -> {
        if (failure == null) {
          renewalFailures.succeeded("instance lease renewed again");
        } else {
          renewalFailures.failed("cannot renew the lease of instance id '" + instanceId + "' (a process started under it now would not see this one): "
              + MissingAcl.describe(failure, applicationId + "~", applicationId));
        }
      });
    } catch (RuntimeException e) {
      renewalFailures.failed("cannot renew the lease of instance id '" + instanceId + "': " + MissingAcl.describe(e, applicationId + "~", applicationId));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(2));
  }
}
