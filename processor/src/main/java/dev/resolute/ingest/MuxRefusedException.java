package dev.resolute.ingest;

/** The muxer would not take the source's packets as they are. */
final class MuxRefusedException extends RuntimeException {
  MuxRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
