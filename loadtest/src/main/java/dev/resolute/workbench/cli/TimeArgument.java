package dev.resolute.workbench.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A point in time on the command line: epoch milliseconds or an ISO-8601 instant. */
final class TimeArgument {
  private TimeArgument() {}

  static long parse(String option, String value) {
    if (value.matches("\\d+")) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new dev.resolute.cli.UserError(option + " must be epoch milliseconds or an ISO-8601 instant such as "
          + "2026-11-25T20:00:00Z, got '" + value + "'");
    }
  }
}
