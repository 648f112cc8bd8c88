package dev.resolute.ingest;

/** A source cannot be read as video; the message names the source and the cause. */
public final class IngestException extends RuntimeException {
  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
