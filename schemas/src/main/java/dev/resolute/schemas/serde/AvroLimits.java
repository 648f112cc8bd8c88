package dev.resolute.schemas.serde;

import org.apache.avro.SystemLimitException;

/**
 * Caps what Avro allocates for a length read from untrusted bytes. Left at Avro's defaults, a
 * 20-byte record claiming a 2 GiB byte array or a billion array items makes the decoder try to
 * allocate them; with these caps it fails fast and the record is dead-lettered. The caps sit above
 * anything a real record holds: a chunk payload within the largest message the topics accept, a
 * frame list of a long chunk, a camera id.
 */
final class AvroLimits {
  /** Above the 64 MiB chunk limit of the topics, with room for the rest of the record. */
  static final long MAX_BYTES = 80L << 20;
  static final long MAX_COLLECTION_ITEMS = 1_000_000;
  static final long MAX_STRING_BYTES = 1L << 20;

  private AvroLimits() {}

  /**
   * Avro reads these properties once, when it first checks a length: call before any decode. An
   * operator's own setting (-D on the command line) wins.
   */
  static void apply() {
    setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_BYTES);
    setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
    setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING_BYTES);
  }

  private static void setIfAbsent(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, String.valueOf(value));
    }
  }
}
