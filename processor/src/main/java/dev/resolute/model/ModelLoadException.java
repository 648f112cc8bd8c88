package dev.resolute.model;

/** A model or its descriptor cannot be used; the message says which file and what to do. */
public final class ModelLoadException extends RuntimeException {
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
