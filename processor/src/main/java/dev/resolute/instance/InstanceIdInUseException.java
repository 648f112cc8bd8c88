package dev.resolute.instance;

/** Another live process holds this instance id: the user started a second one under it. */
public final class InstanceIdInUseException extends RuntimeException {
  InstanceIdInUseException(String message) {
    super(message);
  }
}
