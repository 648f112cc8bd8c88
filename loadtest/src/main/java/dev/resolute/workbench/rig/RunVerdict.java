package dev.resolute.workbench.rig;

import dev.resolute.metrics.DeadLetterReasons;
import dev.resolute.metrics.DeadLetterTally;
import dev.resolute.schemas.topic.Topics;
import java.io.PrintWriter;
import java.util.List;

/**
 * Whether a run that went to the end did its job. A run that segmented nothing, or dead-lettered
 * any input, has failed even though every step finished: scripts must see that in the exit code
 * instead of finding it in a summary, and a person must see why without reading the topic.
 */
public record RunVerdict(long framesIn, long masksOut, long deadLetterFrames, List<DeadLetterReasons.Group> reasons) {

  public static RunVerdict of(long framesIn, long masksOut, DeadLetterTally letters) {
    return new RunVerdict(framesIn, masksOut, letters.frames(), letters.groups());
  }

  public long deadLetters() {
    return reasons.stream().mapToLong(DeadLetterReasons.Group::count).sum();
  }

  public boolean failed() {
    return masksOut == 0 || deadLetters() > 0;
  }

  /** Nothing when the run did its job; otherwise what failed, with the grouped reasons. */
  public void print(PrintWriter out) {
    if (!failed()) {
      return;
    }
    String letters = deadLetters() + " dead letter(s) holding " + deadLetterFrames + " frames";
    out.printf("%nFAILED: %s%n", masksOut > 0 ? letters + " (" + framesIn + " frames in)"
        : "nothing segmented (" + framesIn + " frames in, 0 masks out)" + (deadLetters() > 0 ? "; " + letters : ""));
    if (deadLetters() > 0) {
      out.println("dead letters by reason, most frequent first:");
      for (DeadLetterReasons.Group group : reasons) {
        out.printf("  %5d x %s%n", group.count(), group.reason());
        if (!group.example().equals(group.reason())) {
          out.printf("          e.g. %s%n", group.example());
        }
      }
      out.printf("(the %s topic keeps each of them whole)%n", Topics.DEAD_LETTERS);
    }
    out.flush();
  }
}
