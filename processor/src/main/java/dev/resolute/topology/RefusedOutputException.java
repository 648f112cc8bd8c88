package dev.resolute.topology;

/**
 * A chunk whose outputs a broker refused for something the header checks did not foresee (see
 * {@link RefusedOutputs}): its dead letter is labelled invalid, not a processing failure, since
 * the record, not the processor, is what failed.
 */
public final class RefusedOutputException extends Exception {
  public RefusedOutputException(String reason) {
    super(reason);
  }
}
