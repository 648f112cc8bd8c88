package dev.resolute.decode;

/** A chunk cannot be decoded into the frames it claims to hold. */
public class ChunkDecodeException extends Exception {
  public ChunkDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
