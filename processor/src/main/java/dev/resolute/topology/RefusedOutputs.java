package dev.resolute.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The last line behind the header checks: chunks whose outputs a broker refused for something the
 * checks did not foresee (a topic limit changed after start-up, a mask larger than the topic
 * takes). Under exactly-once one refused send aborts the thread's whole transaction, so the input
 * comes back and would be refused again after every restart; this remembers it outside the
 * transaction, in the process, so that it is dead-lettered when it comes back while the other
 * inputs of the aborted transaction are processed again, exactly once.
 *
 * <p>Each output carries its input's coordinates in a header: failed sends are reported on the
 * producer's I/O thread ({@link RefusalReportingProducer}), after the task may have moved on to later
 * records, so the record context Kafka Streams holds can name the wrong input.
 */
public final class RefusedOutputs {
  /** The key under which the one instance reaches the production handler through the Streams properties. */
  public static final String CONFIG = "resolute.refused.outputs";
  static final String SOURCE_HEADER = "resolute.source";
  /** Far more refused inputs than one process meets between restarts; the oldest go first. */
  private static final int REMEMBERED = 10_000;
  private static final int REASON_CHARS = 300;
  /** How a broker's batch-level refusal begins (Kafka's {@code LogValidator}); each refused record gets its own message. */
  private static final String BATCH_SUMMARY = "One or more records have been rejected";

  private final Map<String, String> refused = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED;
    }
  });
  /** The exceptions attributed to an input: they, and nothing else, end a thread that is then replaced. */
  private final Set<Throwable> attributed = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  /** Per exception, the first input it was attributed to: a shared exception names one input, not every bystander. */
  private final Map<Throwable, String> firstInput = Collections.synchronizedMap(new WeakHashMap<>());
  private final Object attributions = new Object();
  private final LongSupplier nowMs;
  private final long recentMs;
  private final long graceMs;
  /** When an input was last remembered; guarded by {@link #attributions}. */
  private long lastAttributedMs = Long.MIN_VALUE;

  /** As the processor runs: a refusal within a minute explains a thread's death, waited for up to 5 s. */
  public RefusedOutputs() {
    this(Duration.ofMinutes(1), Duration.ofSeconds(5), System::currentTimeMillis);
  }

  /**
   * @param recent how long after a refusal was attributed a stream thread that dies of a
   *     refusal-type error or the producer's error state is replaced: at least as long as a
   *     transaction may stay open, since the thread notices the failed batch only at its next send
   *     or commit, after the chunk it is inferring
   * @param grace how long a thread's death waits for the attribution: the producer enters its
   *     error state, and fails the innocent records of a batch, before it reports the refused one
   */
  public RefusedOutputs(Duration recent, Duration grace, LongSupplier nowMs) {
    this.recentMs = recent.toMillis();
    this.graceMs = grace.toMillis();
    this.nowMs = nowMs;
  }

  /** The header an output of {@code source} carries. */
  static Headers sourceHeaders(RecordMetadata source) {
    return new RecordHeaders().add(SOURCE_HEADER, key(source.topic(), source.partition(), source.offset())
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A send failed: if the broker refused this very record, its input is remembered. Called for
   * every failed send, innocent batch-mates included, by {@link RefusalReportingProducer}.
   *
   * @return true when the failure was attributed to an input, which will be dead-lettered when it comes back
   */
  public boolean refused(ProducerRecord<byte[], byte[]> output, Exception error) {
    Header header = output.headers() == null ? null : output.headers().lastHeader(SOURCE_HEADER);
    if (header == null || !refusesTheRecord(error)) {
      return false;
    }
    String input = new String(header.value(), StandardCharsets.UTF_8);
    if (!ownRefusal(output, error, input)) {
      return false;
    }
    refused.put(input, output.topic() + " refused its output: " + truncated(error.getClass().getSimpleName() + ": " + error.getMessage()));
    attributed.add(error);
    synchronized (attributions) {
      lastAttributedMs = nowMs.getAsLong();
      attributions.notifyAll();
    }
    return true;
  }

  /** Whether this very exception was pinned on an input. */
  boolean attributed(Exception error) {
    return attributed.contains(error);
  }

  /**
   * The record itself was refused, not its batch or transaction: after a refusal the producer fails
   * the records of other inputs too, with a generic error or with the broker's summary of the
   * first batch, and those inputs are fine. A timestamp refusal names the refused timestamp; any
   * other counts for the first input it is seen with, the one whose batch the broker answered.
   */
  private boolean ownRefusal(ProducerRecord<byte[], byte[]> output, Exception error, String input) {
    String message = String.valueOf(error.getMessage());
    if (message.startsWith(BATCH_SUMMARY)) {
      // the broker's summary for the whole batch, never a record's own error: the producer fails the
      // batches it has not sent yet with it, and those are other inputs' (each refused record got its own)
      return false;
    }
    if (message.contains("Timestamp ") && message.contains("out of range")) {
      return output.timestamp() != null && message.contains("Timestamp " + output.timestamp() + " ");
    }
    return firstInput.computeIfAbsent(error, e -> input).equals(input);
  }

  private static boolean refusesTheRecord(Exception error) {
    return error instanceof InvalidTimestampException || error instanceof InvalidRecordException
        || error instanceof RecordTooLargeException; // not CorruptRecordException: a CRC error in transit is retried
  }

  /** Why the outputs of this input were refused before, or null. */
  String reasonFor(RecordMetadata source) {
    return refused.get(key(source.topic(), source.partition(), source.offset()));
  }

  /**
   * Whether {@code failure} ended a stream thread because of a refusal this remembered: the thread
   * is replaced, not the client stopped. Either the failure carries the very exception pinned on an
   * input, or it is what a refusal does to the rest of the transaction (a batch-mate's generic
   * error, the producer's error state caused by the batch's refusal) while an input was pinned
   * recently. The inputs of those innocent records are processed again by the new thread.
   */
  public boolean explains(Throwable failure) {
    boolean refusalFamily = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (attributed.contains(t)) {
        return true;
      }
      refusalFamily |= t instanceof Exception e && (refusesTheRecord(e) || batchMateOrErrorState(e));
      if (t.getCause() == t) {
        break;
      }
    }
    return refusalFamily && attributedRecently();
  }

  /** Waits up to the grace for an attribution the I/O thread may not have reported yet. */
  private boolean attributedRecently() {
    long deadline = System.nanoTime() + graceMs * 1_000_000;
    synchronized (attributions) {
      while (true) {
        if (lastAttributedMs != Long.MIN_VALUE && nowMs.getAsLong() - lastAttributedMs <= recentMs) {
          return true;
        }
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          return false;
        }
        try {
          attributions.wait(leftMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  /**
   * The producer's own KafkaExceptions for the records of a batch the broker refused one record of,
   * and for any send once that put it in error state. Told apart by their text: Kafka gives them no
   * type of their own (see its {@code Sender} and {@code TransactionManager}).
   */
  private static boolean batchMateOrErrorState(Exception error) {
    String message = String.valueOf(error.getMessage());
    return error.getClass() == KafkaException.class
        && (message.contains("part of a batch which had") || message.contains("in an error state"));
  }

  private static String key(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  private static String truncated(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", " ");
    return oneLine.length() <= REASON_CHARS ? oneLine : oneLine.substring(0, REASON_CHARS) + "...";
  }
}
