package dev.resolute.config;

/** A configuration value is missing or out of range; the message starts with the key's name. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
