package dev.resolute.inference;

/** The device the user asked for cannot run here; the message says why and what to install. */
public final class DeviceUnavailableException extends RuntimeException {
  public DeviceUnavailableException(String message) {
    super(message);
  }
}
