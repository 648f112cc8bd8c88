package dev.resolute.cli;

import dev.resolute.app.DeadLetterRedrive;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    description = "Publishes dead-lettered chunks to video-chunks again, unchanged, once their cause is fixed: the dead-letters topic "
        + "as it is now, filtered by reason and time. Without --publish it only counts what would go.")
final class RedriveCommand implements Callable<Integer> {
  @Option(names = "--reason", paramLabel = "TEXT", description = "Only dead letters whose reason contains TEXT (any case).")
  String reason;

  @Option(names = "--from", paramLabel = "TIME", description = "Only dead letters written at or after TIME (ISO-8601, e.g. 2026-01-31T08:00:00Z): when the chunk was "
      + "dead-lettered, the dead-letter record's timestamp.")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only dead letters written before TIME (ISO-8601).")
  Instant to;

  @Option(names = "--publish", description = "Publish them; without it, only count them by reason.")
  boolean publish;

  @Mixin KafkaOptions kafka;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DeadLetterRedrive redrive = new DeadLetterRedrive(reason, from == null ? Long.MIN_VALUE : from.toEpochMilli(),
        to == null ? Long.MAX_VALUE : to.toEpochMilli());
    DeadLetterRedrive.Outcome outcome = redrive.run(kafka.bootstrapServers(), kafka.connect(), publish);
    java.io.PrintWriter out = spec.commandLine().getOut();
    outcome.matchedByReason().forEach((why, count) -> out.printf("%6d  %s%n", count, why));
    outcome.skippedByReason().forEach((why, count) -> out.printf("%6d  skipped: %s%n", count, why));
    out.printf("%d of %d dead letters matched; %s%n", outcome.matched(), outcome.scanned(),
        publish ? outcome.published() + " published to video-chunks" + (outcome.skipped() == 0 ? "" : ", " + outcome.skipped() + " skipped")
            : "nothing published (add --publish)");
    if (outcome.failed() > 0) {
      // one line on stderr, and a failed exit, so that a script does not take queued sends for published ones
      spec.commandLine().getErr().printf("error: publishing to video-chunks failed (%d sends failed, %d acknowledged): %s%n",
          outcome.failed(), outcome.published(), outcome.failure());
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }
}
