package dev.resolute.control;

import java.util.Locale;

/** How a camera's resolution level is chosen. */
public enum Policy {
  /** From lag, arrival rate and measured cost, per chunk. */
  ADAPTIVE,
  /** One level, never changed: the baseline. */
  FIXED;

  public static Policy parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new dev.resolute.config.ConfigException(ControlConfig.POLICY, "expected adaptive or fixed, got '" + name + "'");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
