package dev.resolute.workbench.cli;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.ingest.ChunkPublisher;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.traffic.ChunkPacer;
import dev.resolute.topology.TopicSetup;
import dev.resolute.workbench.record.ChunkRecording;
import dev.resolute.workbench.record.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Publishes recorded traffic again, from a recording file, a topic's time range or a folder of video files, at --speed times the original pace, optionally as N cameras and in a loop.")
final class ReplayCommand implements Callable<Integer> {

  static final class Source {
    @Option(names = "--recording", paramLabel = "FILE", description = "A file written by 'resolute record'.")
    Path recording;

    @Option(names = "--from-topic", paramLabel = "TOPIC", description = "Replay what this topic holds for --from/--to.")
    String fromTopic;

    @Option(names = "--folder", paramLabel = "DIR", description = "Every video file in DIR, one camera per file (named after it).")
    Path folder;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--topic", defaultValue = Topics.VIDEO_CHUNKS, description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--from", paramLabel = "TIME", defaultValue = "0", description = "With --from-topic: start, epoch ms or ISO-8601.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "With --from-topic: end (exclusive; default now).")
  String to;

  @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1",
      description = "Original pace times X, or 'max' (as recorded, byte for byte, as fast as possible) (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--cameras", defaultValue = "1", description = "Publish every camera N times under ids CAMERA-0..N-1 (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--loop", description = "Start over at the end (needs --duration).")
  boolean loop;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0", description = "Stop after this many seconds (default: when the source ends).")
  double durationSeconds;

  @Option(names = "--partitions", defaultValue = "6", description = "Partitions if the topic must be created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @picocli.CommandLine.Mixin dev.resolute.cli.KafkaOptions kafka;

  private KafkaClientConfig client;

  @Override
  public Integer call() throws Exception {
    double x = dev.resolute.workbench.cli.SpeedArgument.parse(speed);
    if (cameras < 1) {
      throw new dev.resolute.cli.UserError("--cameras must be >= 1, got " + cameras);
    }
    if (!(durationSeconds >= 0)) {
      throw new dev.resolute.cli.UserError("--duration must be >= 0, got " + durationSeconds);
    }
    if (loop && durationSeconds == 0) {
      throw new dev.resolute.cli.UserError("--loop needs --duration, or it never ends");
    }
    Duration duration = Duration.ofMillis(Math.round(durationSeconds * 1000));
    ChunkPacer.Plan plan = ChunkPacer.Plan.replay(x, cameras, loop, duration);
    client = kafka.connect();
    List<VideoChunk> chunks;
    try {
      chunks = load();
    } catch (IllegalArgumentException e) { // a recording or topic that is not there
      throw new dev.resolute.cli.UserError(e.getMessage());
    }
    if (chunks.isEmpty()) {
      throw new dev.resolute.cli.UserError("nothing to replay: the source holds no chunks");
    }
    try (Admin admin = Admin.create(client.withBootstrap(kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, List.of(Topics.CHUNKS.named(topic).newTopic(partitions, (short) 1)));
    }
    ProgressLine progress = new ProgressLine(duration.toMillis());
    try (ChunkPublisher publisher = new ChunkPublisher(kafka.bootstrapServers(), topic, client)) {
      ChunkPacer.Result result = ChunkPacer.realTime(plan).play(chunks, publisher::publish, progress);
      publisher.flush();
      progress.finish();
      System.out.printf("replayed %d chunks (%d frames) to %s in %.1f s%n", result.chunks(), result.frames(), topic,
          result.wallMs() / 1000.0);
    }
    return 0;
  }

  private List<VideoChunk> load() throws IOException {
    if (source.recording != null) {
      return ChunkRecording.read(source.recording);
    }
    if (source.fromTopic != null) {
      List<VideoChunk> chunks = new ArrayList<>();
      long toMs = to == null ? System.currentTimeMillis() : TimeArgument.parse("--to", to);
      TopicReader.read(kafka.bootstrapServers(), client, source.fromTopic, TimeArgument.parse("--from", from), toMs, chunks::add);
      return chunks;
    }
    return chunksOfFolder(source.folder);
  }

  /**
   * Every file of the folder as a camera of its own, all starting together now and following their
   * media clocks: capture times are wall-clock times even when sent verbatim (--speed max), never
   * media time read as 1970, which the processor would dead-letter and the broker's time retention
   * would delete.
   */
  private static List<VideoChunk> chunksOfFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new dev.resolute.cli.UserError("--folder " + folder + " is not a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    }
    List<VideoChunk> chunks = new ArrayList<>();
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    List<List<VideoChunk>> cameras = new ArrayList<>();
    for (Path file : files) {
      String camera = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      List<VideoChunk> ofFile = new ArrayList<>();
      chunker.chunk(file, camera, null, ofFile::add);
      cameras.add(ofFile);
    }
    // every file starts at the same moment, placed so that the longest one ends now: no capture time in the future
    double longestMs = cameras.stream().filter(c -> !c.isEmpty())
        .mapToDouble(c -> (c.get(c.size() - 1).getFirstPtsMicros() - c.get(0).getFirstPtsMicros()) / 1000.0
            + ChunkTimeline.mediaDurationMs(c.get(c.size() - 1)))
        .max().orElse(0);
    long startMs = System.currentTimeMillis() - Math.round(longestMs);
    for (List<VideoChunk> ofFile : cameras) {
      for (VideoChunk chunk : ofFile) {
        chunks.add(VideoChunk.newBuilder(chunk)
            .setCaptureTimeMs(startMs + (chunk.getFirstPtsMicros() - ofFile.get(0).getFirstPtsMicros()) / 1000)
            .setCaptureTimeScale(1)
            .build());
      }
    }
    return chunks;
  }
}
