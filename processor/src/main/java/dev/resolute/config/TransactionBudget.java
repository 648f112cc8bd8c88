package dev.resolute.config;

import java.time.Duration;

/**
 * How long one transaction and one poll may take, sized for the worst a stream thread can be asked
 * to do.
 *
 * <p>Under exactly_once_v2 a stream thread has one producer, so one transaction carries what every
 * task of that thread processed since the last commit. With chunks slower than the commit interval
 * (100 ms under exactly-once) Kafka Streams processes one record per task and commits, so a
 * transaction spans up to one chunk of every task the thread owns. When instances die, the
 * survivors take their partitions: a thread may own every partition of the chunk topic divided by
 * the threads of one instance. The broker refuses a producer whose {@code transaction.timeout.ms}
 * exceeds its {@code transaction.max.timeout.ms}, so a budget that does not fit fails here, at
 * start-up.
 *
 * <p>Kafka Streams keeps processing until half of {@code max.poll.interval.ms} has passed since the
 * last poll and only then polls, so a poll may come after that half plus one more round of chunks:
 * the poll interval is twice the transaction timeout.
 *
 * @param slowestChunk the longest one chunk may take ({@code resolute.slowest.chunk})
 * @param tasksPerThread the most tasks one stream thread may own
 * @param brokerMaximum the broker's {@code transaction.max.timeout.ms}
 */
public record TransactionBudget(Duration slowestChunk, int tasksPerThread, Duration brokerMaximum) {
  /** Room for the commit itself (markers, offsets) after the last chunk of a round. */
  static final Duration COMMIT_MARGIN = Duration.ofSeconds(30);
  /** The broker's default {@code transaction.max.timeout.ms}. */
  public static final Duration DEFAULT_BROKER_MAXIMUM = Duration.ofMinutes(15);

  public TransactionBudget {
    if (tasksPerThread < 1) {
      throw new IllegalArgumentException("tasksPerThread must be >= 1, got " + tasksPerThread);
    }
    Duration needed = slowestChunk.multipliedBy(tasksPerThread).plus(COMMIT_MARGIN);
    if (needed.compareTo(brokerMaximum) > 0) {
      throw new ConfigException("resolute.slowest.chunk", slowestChunk.toSeconds() + " s per chunk x " + tasksPerThread
          + " tasks a stream thread may own + " + COMMIT_MARGIN.toSeconds() + " s to commit = " + needed.toSeconds()
          + " s per transaction, over the broker's transaction.max.timeout.ms (" + brokerMaximum.toSeconds()
          + " s): lower the slowest chunk, add stream threads, or raise transaction.max.timeout.ms on the brokers");
    }
  }

  /** A thread's worst share: every partition of the chunk topic over one instance's threads. */
  public static TransactionBudget of(Duration slowestChunk, int chunkPartitions, int streamThreads, Duration brokerMaximum) {
    if (chunkPartitions < 1 || streamThreads < 1) {
      throw new IllegalArgumentException("partitions and threads must be >= 1, got " + chunkPartitions + " and " + streamThreads);
    }
    int tasksPerThread = (chunkPartitions + streamThreads - 1) / streamThreads;
    return new TransactionBudget(slowestChunk, tasksPerThread, brokerMaximum);
  }

  /** {@code transaction.timeout.ms} of the stream threads' producers. */
  public int transactionTimeoutMs() {
    return Math.toIntExact(slowestChunk.multipliedBy(tasksPerThread).plus(COMMIT_MARGIN).toMillis());
  }

  /** {@code max.poll.interval.ms} of the main consumers. */
  public int maxPollIntervalMs() {
    return Math.multiplyExact(2, transactionTimeoutMs());
  }
}
