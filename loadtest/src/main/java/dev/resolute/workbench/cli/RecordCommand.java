package dev.resolute.workbench.cli;

import dev.resolute.schemas.topic.Topics;
import dev.resolute.workbench.record.ChunkRecording;
import dev.resolute.workbench.record.TopicReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Copies the chunks a topic holds for a time range (record timestamps = capture times) into an Avro file of VideoChunk, every field kept, for replay.")
final class RecordCommand implements Callable<Integer> {
  @Option(names = "--topic", defaultValue = Topics.VIDEO_CHUNKS, description = "Topic of chunks (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--from", paramLabel = "TIME", defaultValue = "0", description = "Start, epoch ms or ISO-8601 (default: the beginning).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End (exclusive), epoch ms or ISO-8601 (default: now).")
  String to;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Recording to write.")
  Path out;

  @picocli.CommandLine.Mixin dev.resolute.cli.KafkaOptions kafka;

  @Override
  public Integer call() {
    long fromMs = TimeArgument.parse("--from", from);
    long toMs = to == null ? System.currentTimeMillis() : TimeArgument.parse("--to", to);
    if (toMs <= fromMs) {
      throw new dev.resolute.cli.UserError("--to must be after --from");
    }
    var client = kafka.connect();
    try (ChunkRecording recording = ChunkRecording.create(out)) {
      try {
        TopicReader.read(kafka.bootstrapServers(), client, topic, fromMs, toMs, recording::append);
      } catch (IllegalArgumentException e) { // a topic that is not there
        throw new dev.resolute.cli.UserError(e.getMessage());
      }
      System.out.printf("recorded %d chunks from %s into %s%n", recording.chunks(), topic, out);
    }
    return 0;
  }
}
