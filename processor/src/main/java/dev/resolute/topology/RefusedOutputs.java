package dev.resolute.topology;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
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
 * <p>Each output carries its input's coordinates in a header: the production handler runs on the
 * producer's I/O thread, after the task may have moved on to later records, so the record context
 * Kafka Streams hands it can name the wrong input.
 */
public final class RefusedOutputs {
  /** The key under which the one instance reaches the production handler through the Streams properties. */
  public static final String CONFIG = "resolute.refused.outputs";
  static final String SOURCE_HEADER = "resolute.source";
  /** Far more refused inputs than one process meets between restarts; the oldest go first. */
  private static final int REMEMBERED = 10_000;
  private static final int REASON_CHARS = 300;

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

  /** The header an output of {@code source} carries. */
  static Headers sourceHeaders(RecordMetadata source) {
    return new RecordHeaders().add(SOURCE_HEADER, key(source.topic(), source.partition(), source.offset())
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A send failed: if the broker refused this very record, its input is remembered.
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
    return true;
  }

  /**
   * The record itself was refused, not its batch or transaction: after a refusal the producer fails
   * the records of other inputs too, with a generic error or with the refusal of the first batch,
   * and those inputs are fine. A timestamp refusal names the refused timestamp; any other counts
   * for the first input it is seen with, the one whose batch the broker answered.
   */
  private boolean ownRefusal(ProducerRecord<byte[], byte[]> output, Exception error, String input) {
    String message = String.valueOf(error.getMessage());
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

  /** Whether {@code failure} ended a stream thread because of a refusal this remembered: the thread is replaced, not the client stopped. */
  public boolean explains(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (attributed.contains(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String key(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  private static String truncated(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", " ");
    return oneLine.length() <= REASON_CHARS ? oneLine : oneLine.substring(0, REASON_CHARS) + "...";
  }
}
