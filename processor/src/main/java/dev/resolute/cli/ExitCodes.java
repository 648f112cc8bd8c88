package dev.resolute.cli;

/** What {@code resolute} exits with; scripts and supervisors depend on these numbers. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Something went wrong that the user did not cause: the processor failed, output went missing. */
  public static final int FAILED = 1;
  /** The user's mistake: a bad option, a missing file, a source that is not a video. */
  public static final int USAGE = 2;
  /** A run went to the end but segmented nothing, or dead-lettered some of its input. */
  public static final int NOT_SEGMENTED = 3;

  private ExitCodes() {}
}
