package dev.resolute.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * A path option whose leading {@code ~} means the user's home: output folders default under
 * {@code ~/resolute-out}, outside any checkout, and the help (and docs/cli.md made from it) shows
 * the same default on every machine.
 */
public final class HomePath implements ITypeConverter<Path> {
  /** Where commands write their reports and masks unless told otherwise. */
  public static final String OUTPUTS = "~/resolute-out";

  @Override
  public Path convert(String value) {
    return expand(value);
  }

  static Path expand(String value) {
    if (value.equals("~") || value.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), value.substring(1).replaceFirst("^/", ""));
    }
    return Path.of(value);
  }
}
