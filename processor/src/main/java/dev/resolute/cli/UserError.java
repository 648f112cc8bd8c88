package dev.resolute.cli;

/** Something the user can fix (a path, a flag); printed as one line, exit code 2. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
