package dev.resolute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.app.OutputCollector;
import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.SegmentationMask;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testing.ProcessorUnderTest;
import dev.resolute.testkit.footage.corpus.Clip;
import dev.resolute.testkit.footage.corpus.CorpusClip;
import dev.resolute.testkit.footage.corpus.FormatCorpus;
import dev.resolute.testkit.footage.corpus.PacketInfo;
import dev.resolute.testkit.footage.corpus.ReferenceDecode;
import dev.resolute.testkit.footage.corpus.ReferenceFrame;
import dev.resolute.testkit.footage.corpus.Trait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every clip of the generated format corpus through ingest and decode, compared with an
 * independent full decode of the same file: every decodable frame ingested, each at its source
 * size and within half a frame of its source time, and dead letters only where the file is
 * damaged. The clips most often lost in the field (odd size, variable timing, MPEG-PS, AVI with
 * empty packets) also go through a real broker and the real topology, mask by mask.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatCorpusIT {
  private static final Set<Clip> THROUGH_KAFKA = EnumSet.of(Clip.MPEG2_PS_ODD, Clip.MPEG4_TINY_ODD, Clip.VFR_MP4,
      Clip.MPEG2_PS, Clip.AVI_ZERO_LENGTH);
  private static final Set<Trait> DAMAGED = EnumSet.of(Trait.TRUNCATED, Trait.CORRUPT_MIDDLE);

  @TempDir static Path dir;
  private final Map<Clip, Run> runs = new EnumMap<>(Clip.class);
  private ProcessorUnderTest processor;
  private OutputCollector collector;

  /** One clip as the reference decoder and as Resolute saw it. */
  record Run(CorpusClip clip, ReferenceDecode reference, VideoFileChunker.Result ingest, List<VideoChunk> chunks,
      List<DecodedFrame> decoded, List<VideoChunk> undecodable) {
    long framesIngested() {
      return chunks.stream().mapToLong(VideoChunk::getFrameCount).sum();
    }

    boolean damaged() {
      return clip.clip().traits().stream().anyMatch(DAMAGED::contains);
    }
  }

  @BeforeAll
  void ingestTheCorpus() throws Exception {
    List<CorpusClip> corpus = FormatCorpus.writeAll(Files.createDirectories(dir.resolve("corpus")));
    VideoFileChunker chunker = new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC());
    ChunkDecoder decoder = new ChunkDecoder();
    for (CorpusClip clip : corpus) {
      List<VideoChunk> chunks = new ArrayList<>();
      VideoFileChunker.Result result = chunker.chunk(clip.path(), clip.name(), null, chunks::add);
      List<DecodedFrame> decoded = new ArrayList<>();
      List<VideoChunk> undecodable = new ArrayList<>();
      for (VideoChunk chunk : chunks) {
        try {
          decoded.addAll(decoder.decode(chunk));
        } catch (ChunkDecodeException e) {
          undecodable.add(chunk);
        }
      }
      runs.put(clip.clip(), new Run(clip, ReferenceDecode.of(clip.path()), result, chunks, decoded, undecodable));
    }
    segmentThroughKafka();
    Files.writeString(Path.of("target", "format-corpus.md"), report());
  }

  private void segmentThroughKafka() throws Exception {
    processor = ProcessorUnderTest.start(dir, 2);
    long expected = 0;
    try (ChunkPublisher publisher = new ChunkPublisher(processor.bootstrapServers())) {
      for (Clip clip : THROUGH_KAFKA) {
        runs.get(clip).chunks().forEach(publisher::publish);
        expected += runs.get(clip).framesIngested();
      }
      publisher.flush();
    }
    collector = processor.collect(expected, Duration.ofMinutes(3));
  }

  @AfterAll
  void tearDown() {
    if (processor != null) {
      processor.close();
    }
  }

  static Stream<Clip> clips() {
    return Stream.of(Clip.values());
  }

  static Stream<Clip> throughKafka() {
    return THROUGH_KAFKA.stream();
  }

  @ParameterizedTest
  @MethodSource("clips")
  void shouldIngestEveryFrameThatDecodes(Clip clip) {
    Run run = runs.get(clip);
    assertThat(run.framesIngested()).as("frames ingested = frames decodable").isEqualTo(run.reference().frames().size());
    assertThat(run.decoded().size() + framesIn(run.undecodable())).as("every ingested frame decoded or dead-lettered")
        .isEqualTo(run.framesIngested());
    if (!run.damaged()) {
      assertThat(run.undecodable()).as("undecodable chunks of an undamaged file").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("clips")
  void shouldKeepTheSourceSize(Clip clip) {
    Run run = runs.get(clip);
    ReferenceFrame first = run.reference().frames().get(0);
    assertThat(run.decoded()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.width()).isEqualTo(first.width());
      assertThat(f.height()).isEqualTo(first.height());
    });
    assertThat(run.chunks()).allSatisfy(c -> assertThat(c.getWidth() + "x" + c.getHeight())
        .isEqualTo(first.width() + "x" + first.height()));
  }

  @ParameterizedTest
  @MethodSource("clips")
  void shouldKeepEveryFramesSourceTimeWithinHalfAFrame(Clip clip) {
    Run run = runs.get(clip);
    List<ReferenceFrame> reference = run.reference().frames();
    if (!run.undecodable().isEmpty()) {
      return; // frames were dead-lettered with their chunk: the test of the damage says where, not this one
    }
    java.util.TreeSet<Long> packetPts = new java.util.TreeSet<>();
    run.reference().packets().video().stream().filter(p -> p.ptsMicros() != PacketInfo.NO_TIMESTAMP)
        .forEach(p -> packetPts.add(p.ptsMicros()));
    // MPEG-PS times only the first frame of each pack: the others' times are FFmpeg's guesses
    boolean everyPacketTimed = run.reference().packets().video().stream()
        .allMatch(p -> p.size() == 0 || p.ptsMicros() != PacketInfo.NO_TIMESTAMP);
    for (int i = 0; i < reference.size(); i++) {
      if (!reference.get(i).hasTimestamp()) {
        continue; // FFmpeg itself does not know when this frame is shown
      }
      long halfFrame = halfFrameMicros(reference, i);
      long pts = run.decoded().get(i).ptsMicros();
      assertThat(pts).as("%s frame %d", clip, i)
          .isCloseTo(reference.get(i).ptsMicros(), org.assertj.core.data.Offset.offset(halfFrame));
      if (everyPacketTimed) {
        // and, independently of any decoder's timestamp arithmetic, it is the time of one of the file's packets
        Long below = packetPts.floor(pts + 2);
        assertThat(below != null && below >= pts - 2).as("%s frame %d at %d µs is a packet's time", clip, i, pts).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("clips")
  void shouldDecodeEveryChunkAsFfmpegDoesWhenItProbesTheStreamFirst(Clip clip) throws Exception {
    Run run = runs.get(clip);
    ChunkDecoder probing = ChunkDecoder.probingEveryChunk();
    List<DecodedFrame> reference = new ArrayList<>();
    for (VideoChunk chunk : run.chunks()) {
      try {
        reference.addAll(probing.decode(chunk));
      } catch (ChunkDecodeException e) {
        // undecodable either way: the same chunks must be in the run's undecodable list
        assertThat(run.undecodable()).as("chunk %d", chunk.getSequence()).contains(chunk);
      }
    }
    assertThat(run.decoded()).hasSameSizeAs(reference);
    for (int i = 0; i < reference.size(); i++) {
      DecodedFrame fast = run.decoded().get(i);
      DecodedFrame probed = reference.get(i);
      assertThat(fast.frameIndex()).isEqualTo(probed.frameIndex());
      assertThat(fast.ptsMicros()).as("frame %d", probed.frameIndex()).isEqualTo(probed.ptsMicros());
      assertThat(fast.damaged()).as("frame %d", probed.frameIndex()).isEqualTo(probed.damaged());
      assertThat(fast.picture().pixelFormat()).isEqualTo(probed.picture().pixelFormat());
      assertThat(fast.picture().data()).as("frame %d of %s", probed.frameIndex(), clip).isEqualTo(probed.picture().data());
    }
  }

  @Test
  void shouldDeadLetterOnlyChunksThatHoldDamagedBytes() {
    Run run = runs.get(Clip.CORRUPT_TS);
    var damaged = run.clip().damaged().orElseThrow();
    long damagedFromMicros = Long.MAX_VALUE;
    long damagedToMicros = Long.MIN_VALUE;
    for (PacketInfo p : run.reference().packets().video()) {
      if (p.pos() >= 0 && damaged.overlaps(p.pos(), p.pos() + p.size() + 188) && p.ptsMicros() != PacketInfo.NO_TIMESTAMP) {
        damagedFromMicros = Math.min(damagedFromMicros, p.ptsMicros());
        damagedToMicros = Math.max(damagedToMicros, p.ptsMicros());
      }
    }
    for (VideoChunk chunk : run.undecodable()) {
      long first = chunk.getFirstPtsMicros();
      long last = chunk.getFramePtsMicros().get(chunk.getFrameCount() - 1);
      assertThat(first <= damagedToMicros + 1_000_000 && last >= damagedFromMicros - 1_000_000)
          .as("dead-lettered chunk %d (%d..%d µs) lies near the damage (%d..%d µs)", chunk.getSequence(), first, last,
              damagedFromMicros, damagedToMicros)
          .isTrue();
    }
    assertThat(run.decoded()).as("the undamaged part still comes out").isNotEmpty();
  }

  @Test
  void shouldFlagFramesFfmpegHadToConcealAndNoOthers() {
    assertThat(runs.get(Clip.CORRUPT_TS).decoded()).as("frames decoded over the garbage").anyMatch(DecodedFrame::damaged);
    runs.values().stream().filter(run -> !run.damaged()).forEach(run ->
        assertThat(run.decoded()).as("%s is whole", run.clip().name()).noneMatch(DecodedFrame::damaged));
  }

  @ParameterizedTest
  @MethodSource("throughKafka")
  void shouldPublishOneMaskPerFrameAtTheSourceSizeTimeAndTimestamp(Clip clip) {
    Run run = runs.get(clip);
    List<SegmentationMask> masks = collector.masks().stream().filter(m -> m.getCameraId().equals(clip.name())).toList();
    List<FrameCost> costs = collector.costs().stream().filter(c -> c.getCameraId().equals(clip.name())).toList();
    assertThat(masks).as("masks = frames ingested").hasSize((int) run.framesIngested());
    assertThat(costs).as("cost records").hasSize((int) run.framesIngested());
    assertThat(collector.deadLetters()).as("dead letters").isEmpty();
    for (int i = 0; i < masks.size(); i++) {
      SegmentationMask mask = masks.get(i);
      DecodedFrame frame = run.decoded().get(i);
      assertThat(mask.getFrameIndex()).isEqualTo(i);
      assertThat(mask.getSourceWidth() + "x" + mask.getSourceHeight()).isEqualTo(frame.width() + "x" + frame.height());
      assertThat(pngSize(mask)).isEqualTo(frame.width() + "x" + frame.height());
      assertThat(mask.getPtsMicros()).as("mask %d pts", i).isEqualTo(frame.ptsMicros());
      assertThat(costs.get(i).getPtsMicros()).as("cost %d pts", i).isEqualTo(frame.ptsMicros());
    }
    for (int i = 0; i < collector.masks().size(); i++) {
      assertThat(collector.maskTimestamps().get(i)).as("a mask's Kafka timestamp is its frame's capture time")
          .isEqualTo(collector.masks().get(i).getCaptureTimeMs());
    }
    for (int i = 0; i < collector.costs().size(); i++) {
      assertThat(collector.costTimestamps().get(i)).as("a cost record's Kafka timestamp is its frame's capture time")
          .isEqualTo(collector.costs().get(i).getCaptureTimeMs());
    }
    // capture times follow the frames' source times, not a nominal rate (a chunk read faster than
    // real time is squeezed into the wall time it took, which its captureTimeScale says)
    for (SegmentationMask mask : masks) {
      VideoChunk chunk = run.chunks().get((int) mask.getChunkSequence());
      double offsetMs = (mask.getPtsMicros() - chunk.getFirstPtsMicros()) / 1000.0 * chunk.getCaptureTimeScale();
      assertThat(mask.getCaptureTimeMs() - chunk.getCaptureTimeMs()).as("frame %d", mask.getFrameIndex())
          .isCloseTo(Math.round(offsetMs), org.assertj.core.data.Offset.offset(1L));
    }
    for (int i = 1; i < masks.size(); i++) {
      assertThat(masks.get(i).getCaptureTimeMs()).as("capture times never run backwards")
          .isGreaterThanOrEqualTo(masks.get(i - 1).getCaptureTimeMs());
    }
  }

  /** Half the distance to the nearer neighbouring frame: what "within half a frame" means under variable timing. */
  private static long halfFrameMicros(List<ReferenceFrame> frames, int i) {
    long nearest = Long.MAX_VALUE;
    for (int j : new int[] {i - 1, i + 1}) {
      if (j >= 0 && j < frames.size() && frames.get(j).hasTimestamp()) {
        nearest = Math.min(nearest, Math.abs(frames.get(j).ptsMicros() - frames.get(i).ptsMicros()));
      }
    }
    return nearest == Long.MAX_VALUE ? 20_000 : Math.max(1, nearest / 2);
  }

  private static long framesIn(List<VideoChunk> chunks) {
    return chunks.stream().mapToLong(VideoChunk::getFrameCount).sum();
  }

  private static String pngSize(SegmentationMask mask) {
    try {
      java.nio.ByteBuffer png = mask.getMask().duplicate();
      byte[] bytes = new byte[png.remaining()];
      png.get(bytes);
      var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
      return image.getWidth() + "x" + image.getHeight();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus as a Markdown table, for the record: target/format-corpus.md. */
  private String report() {
    StringBuilder out = new StringBuilder("| clip | container / codec | size | ingest | frames decodable | frames ingested "
        + "| frames decoded | masks | max pts error ms | dead-lettered chunks |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Run run : runs.values()) {
      Clip clip = run.clip().clip();
      long maxErrorMicros = 0;
      List<ReferenceFrame> reference = run.reference().frames();
      if (run.undecodable().isEmpty()) {
        for (int i = 0; i < Math.min(reference.size(), run.decoded().size()); i++) {
          if (reference.get(i).hasTimestamp()) {
            maxErrorMicros = Math.max(maxErrorMicros, Math.abs(reference.get(i).ptsMicros() - run.decoded().get(i).ptsMicros()));
          }
        }
      }
      String masks = THROUGH_KAFKA.contains(clip) && collector != null
          ? String.valueOf(collector.masks().stream().filter(m -> m.getCameraId().equals(clip.name())).count()) : "-";
      out.append(String.format("| %s | %s / %s | %dx%d | %s | %d | %d | %d | %s | %s | %d |%n", clip.fileName(), clip.format(),
          clip.codec(), clip.width(), clip.height(), run.ingest().mode(), reference.size(), run.framesIngested(),
          run.decoded().size(), masks, run.undecodable().isEmpty() ? String.format("%.3f", maxErrorMicros / 1000.0) : "-",
          run.undecodable().size()));
    }
    return out.toString();
  }
}
