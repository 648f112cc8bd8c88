package dev.resolute.workbench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Another application on the same cluster, which shares nothing with the processor but the start
 * of its transactional ids ({@code <application id>-eu-0}, as an application {@code
 * <application id>-eu} would have): it holds each transaction open for {@link #HOLD}, longer than
 * the processor's session timeout, as a transaction spanning slow chunks does, then commits. The
 * processor must never fence it. Two producers, half a hold apart, so that one transaction is
 * always old enough for a fencer to take.
 */
public final class SecondApplication implements AutoCloseable {
  /** Longer than the 8 s session timeout a fencer once took for "dead"; well within the transaction timeout. */
  public static final Duration HOLD = Duration.ofSeconds(20);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SEND_EVERY = Duration.ofSeconds(2);

  /**
   * What the other application saw: transactions committed; fenced, the failure under test; other
   * errors, such as a broker restart, after which it starts over with a new producer.
   */
  public record Result(List<String> transactionalIds, long committed, long fenced, long otherErrors, List<String> errors,
      String verdict) {
    public boolean passed() {
      return verdict.startsWith("passed");
    }
  }

  private final String topic;
  private final List<String> ids;
  private final Properties client;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong fenced = new AtomicLong();
  private final AtomicLong otherErrors = new AtomicLong();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  /** Starts both producers, writing to {@code topic}, which must exist and belong to nobody else. */
  public SecondApplication(Properties client, String applicationId, String topic) {
    this.client = client;
    this.topic = topic;
    this.ids = List.of(applicationId + "-eu-0", applicationId + "-chaos-second-1");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Duration delay = HOLD.multipliedBy(i).dividedBy(ids.size());
      Thread thread = new Thread(() -> run(id, delay), "resolute-second-application-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** The topic the other application writes: {@code <application id>-second-application}. */
  public static String topicOf(String applicationId) {
    return applicationId + "-second-application";
  }

  private void run(String transactionalId, Duration delay) {
    try {
      Thread.sleep(delay.toMillis()); // staggered start, not a wait for a condition
      while (!stopping.get()) {
        try (KafkaProducer<String, String> producer = producer(transactionalId)) {
          producer.initTransactions();
          while (!stopping.get()) {
            transaction(producer, transactionalId);
          }
        } catch (RuntimeException e) {
          if (isFencing(e)) {
            fenced.incrementAndGet();
          } else {
            otherErrors.incrementAndGet();
          }
          if (errors.size() < 20) {
            errors.add(transactionalId + ": " + e);
          }
          Thread.sleep(1000); // a broker restarting: start over with a new producer in a moment
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One transaction held open for {@link #HOLD}, writing every {@link #SEND_EVERY} so that a fence shows at once. */
  private void transaction(KafkaProducer<String, String> producer, String transactionalId) throws InterruptedException {
    producer.beginTransaction();
    long end = System.nanoTime() + HOLD.toNanos();
    try {
      for (int n = 0; System.nanoTime() < end && !stopping.get(); n++) {
        producer.send(new ProducerRecord<>(topic, transactionalId, "held " + n)).get();
        Thread.sleep(SEND_EVERY.toMillis()); // the length of the transaction is the point
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    producer.commitTransaction();
    committed.incrementAndGet();
  }

  private static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  private KafkaProducer<String, String> producer(String transactionalId) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Stops after the transactions under way, and says whether any was fenced. */
  public Result finish() throws InterruptedException {
    stopping.set(true);
    for (Thread thread : threads) {
      thread.join(HOLD.plus(Duration.ofSeconds(40)).toMillis());
    }
    String verdict;
    if (fenced.get() > 0) {
      verdict = "FAILED: fenced " + fenced.get() + " time(s), e.g. " + errors.stream().limit(2).toList();
    } else if (committed.get() == 0) {
      verdict = "FAILED: no transaction held for " + HOLD.toSeconds() + " s committed, e.g. " + errors.stream().limit(2).toList();
    } else {
      verdict = "passed: " + committed.get() + " transactions held " + HOLD.toSeconds() + " s committed, none fenced";
    }
    return new Result(ids, committed.get(), fenced.get(), otherErrors.get(), List.copyOf(errors), verdict);
  }

  @Override
  public void close() {
    stopping.set(true);
  }
}
