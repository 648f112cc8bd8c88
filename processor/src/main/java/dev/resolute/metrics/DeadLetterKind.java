package dev.resolute.metrics;

import dev.resolute.schemas.DeadLetter;
import java.util.Locale;

/**
 * What kind of failure dead-lettered a record, as a label: a fixed vocabulary, told apart by the
 * letter's error class alone. A letter's reason quotes the record (sizes, times, ids) and its key is
 * whatever the writer chose, so neither may become a label; the full reason stays in the letter.
 */
enum DeadLetterKind {
  /** Not a chunk: bytes Avro cannot read. */
  UNREADABLE,
  /** A chunk whose header breaks a rule (camera id, times, sizes) or that the cluster refused. */
  INVALID,
  /** A chunk whose video does not decode, or decodes too damaged. */
  UNDECODABLE,
  /** Anything else that failed while the chunk was processed. */
  PROCESSING;

  static DeadLetterKind of(DeadLetter letter) {
    String errorClass = letter.getErrorClass() == null ? "" : letter.getErrorClass();
    String simple = errorClass.substring(errorClass.lastIndexOf('.') + 1);
    if (simple.equals("SerializationException") || errorClass.startsWith("org.apache.avro.")) {
      return UNREADABLE;
    }
    // the header checks' InvalidChunkException (a subclass of ChunkDecodeException), an output a
    // broker refused, and Kafka's refusals of a record (InvalidRecordException, InvalidTimestampException)
    if (simple.startsWith("Invalid") || simple.equals("RefusedOutputException")) {
      return INVALID;
    }
    if (simple.equals("ChunkDecodeException")) {
      return UNDECODABLE;
    }
    return PROCESSING;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
