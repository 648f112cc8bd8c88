package dev.resolute.decode;

/**
 * A chunk whose header or record breaks a rule (camera id, record key, times the output topics
 * would refuse), as opposed to video that does not decode: dead letters tell the two apart, since
 * one points at a writer that forges or mislabels chunks and the other at a camera or encoder.
 */
public final class InvalidChunkException extends ChunkDecodeException {
  public InvalidChunkException(String message) {
    super(message, null);
  }
}
