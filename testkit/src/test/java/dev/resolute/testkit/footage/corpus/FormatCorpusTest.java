package dev.resolute.testkit.footage.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes the corpus once and proves, with FFmpeg's own reading of each file, that every clip has
 * exactly the traits it claims and decodes to the frames that went into it.
 */
class FormatCorpusTest {
  /** Containers round timestamps (Matroska to the millisecond), so times agree to within this. */
  private static final long TOLERANCE_MICROS = 1_000;

  @TempDir static Path dir;
  private static final Map<Clip, CorpusClip> clips = new EnumMap<>(Clip.class);
  private static final Map<Clip, ReferenceDecode> decodes = new EnumMap<>(Clip.class);

  @BeforeAll
  static void writeCorpus() throws IOException {
    for (CorpusClip clip : FormatCorpus.writeAll(dir)) {
      clips.put(clip.clip(), clip);
      decodes.put(clip.clip(), ReferenceDecode.of(clip.path()));
    }
  }

  @Test
  void writesEveryClipIntoTheDirectory() {
    assertThat(clips.keySet()).containsExactlyInAnyOrder(Clip.values());
    for (CorpusClip clip : clips.values()) {
      assertThat(clip.path()).isRegularFile().hasParent(dir);
      assertThat(clip.path().getFileName().toString()).isEqualTo(clip.clip().fileName());
    }
  }

  @ParameterizedTest
  @EnumSource(Clip.class)
  void ffmpegSeesTheClaimedContainerCodecAndSize(Clip clip) {
    PacketSummary packets = decodes.get(clip).packets();
    assertThat(packets.format()).isEqualTo(clip.format());
    assertThat(packets.codec()).isEqualTo(clip.codec());
    assertThat(packets.pixelFormat()).isEqualTo(clip.pixelFormat());
    assertThat(packets.width()).isEqualTo(clip.width());
    assertThat(packets.height()).isEqualTo(clip.height());
    assertThat(decodes.get(clip).frames()).isNotEmpty().allSatisfy(frame -> {
      assertThat(frame.width()).isEqualTo(clip.width());
      assertThat(frame.height()).isEqualTo(clip.height());
    });
    if (!clip.has(Trait.VARIABLE_FRAME_RATE)) {
      assertThat(packets.averageFrameRate()).isEqualTo(clip.frameRate());
    }
  }

  @ParameterizedTest
  @EnumSource(Clip.class)
  void hasExactlyTheTraitsItClaims(Clip clip) throws IOException {
    assertThat(traitsSeen(clips.get(clip), decodes.get(clip))).isEqualTo(clip.traits());
  }

  @ParameterizedTest
  @EnumSource(value = Clip.class, names = {"TRUNCATED_MKV", "CORRUPT_TS", "TS_MID_GOP"}, mode = EnumSource.Mode.EXCLUDE)
  void decodesEveryWrittenFrameAtItsTime(Clip clip) {
    CorpusClip written = clips.get(clip);
    List<ReferenceFrame> decoded = decodes.get(clip).frames();
    assertThat(decoded).hasSameSizeAs(written.frames());
    long origin = decoded.get(0).ptsMicros();
    for (int i = 0; i < decoded.size(); i++) {
      if (decoded.get(i).hasTimestamp()) {
        assertThat(decoded.get(i).ptsMicros() - origin).as("frame %d", i)
            .isCloseTo(written.frames().get(i).ptsMicros(), within(TOLERANCE_MICROS));
      }
    }
  }

  @Test
  void midGopClipDecodesFromItsFirstKeyframeOn() {
    CorpusClip written = clips.get(Clip.TS_MID_GOP);
    ReferenceDecode reference = decodes.get(Clip.TS_MID_GOP);
    List<PacketInfo> packets = reference.packets().video();
    int leading = 0;
    while (!packets.get(leading).key()) {
      leading++;
    }
    assertThat(leading).isPositive();
    assertThat(packets).hasSameSizeAs(written.frames());
    assertThat(reference.frames()).hasSize(written.frames().size() - leading);
    assertThat(reference.frames().get(0).keyFrame()).isTrue();
    assertThat(reference.frames().get(0).ptsMicros()).isEqualTo(packets.get(leading).ptsMicros());
  }

  @Test
  void aviZeroLengthChunksAreGapsToFfmpeg() throws IOException {
    CorpusClip clip = clips.get(Clip.AVI_ZERO_LENGTH);
    long periods = Math.round(clip.frames().get(clip.frames().size() - 1).ptsMicros()
        / (1e6 / clip.clip().frameRate().value())) + 1;
    long dropped = periods - clip.frames().size();
    assertThat(zeroLengthVideoChunks(clip.path())).isEqualTo(dropped).isEqualTo(20);
    ReferenceDecode reference = decodes.get(Clip.AVI_ZERO_LENGTH);
    // FFmpeg's AVI demuxer skips empty chunks and only advances its frame counter past them
    assertThat(reference.packets().zeroLengthPackets()).isZero();
    assertThat(reference.packets().videoPackets()).isEqualTo(clip.frames().size());
    List<Long> pts = reference.ptsMicros();
    assertThat(pts.get(pts.size() - 1) - pts.get(0)).isEqualTo((periods - 1) * 40_000);
  }

  @ParameterizedTest
  @EnumSource(value = Clip.class, names = {"MPEG4_AVI_MP3", "MSMPEG4V3_AVI_MP2"})
  void aviAudioIsInterleavedWithoutPadding(Clip clip) throws IOException {
    assertThat(decodes.get(clip).packets().audioCodecs()).containsExactly(clip == Clip.MPEG4_AVI_MP3 ? "mp3" : "mp2");
    List<AviChunks.Chunk> chunks = AviChunks.movi(clips.get(clip).path());
    List<AviChunks.Chunk> audio = chunks.stream().filter(c -> c.id().equals("01wb")).toList();
    assertThat(audio).isNotEmpty().allSatisfy(c -> assertThat(c.size()).isPositive());
    // a sine for as long as the video: 1152 samples per chunk at 44.1 kHz
    double audioSeconds = audio.size() * 1152 / 44_100.0;
    double videoSeconds = clips.get(clip).frames().size() / clip.frameRate().value();
    assertThat(audioSeconds).isCloseTo(videoSeconds, within(0.2));
    // and interleaved: the last video chunk comes after the first audio chunk
    assertThat(chunks.stream().filter(c -> c.id().startsWith("00d")).reduce((a, b) -> b).orElseThrow().offset())
        .isGreaterThan(audio.get(0).offset());
  }

  @Test
  void truncatedClipEndsEarly() throws IOException {
    CorpusClip clip = clips.get(Clip.TRUNCATED_MKV);
    ByteRange gone = clip.damaged().orElseThrow();
    assertThat(Files.size(clip.path())).isEqualTo(gone.start());
    assertThat((double) gone.start() / gone.end()).isCloseTo(0.6, within(0.01));
    List<ReferenceFrame> decoded = decodes.get(Clip.TRUNCATED_MKV).frames();
    assertThat(decoded.size()).isBetween(1, clip.frames().size() - 10);
    long lastWritten = clip.frames().get(clip.frames().size() - 1).ptsMicros();
    assertThat(decoded.get(decoded.size() - 1).ptsMicros() - decoded.get(0).ptsMicros()).isLessThan(lastWritten - 500_000);
  }

  @Test
  void corruptClipLosesOnlyTheFramesMuxedInItsGarbage() throws IOException {
    CorpusClip clip = clips.get(Clip.CORRUPT_TS);
    ByteRange garbage = clip.damaged().orElseThrow();
    long size = Files.size(clip.path());
    assertThat(garbage.length()).isPositive();
    assertThat(garbage.start()).isGreaterThanOrEqualTo(size / 3);
    assertThat(garbage.end()).isLessThanOrEqualTo(2 * size / 3);

    List<PacketInfo> packets = decodes.get(Clip.CORRUPT_TS).packets().video();
    long origin = packets.get(0).ptsMicros();
    List<Integer> lost = new ArrayList<>();
    for (int i = 0; i < clip.frames().size(); i++) {
      long written = clip.frames().get(i).ptsMicros();
      if (packets.stream().noneMatch(p -> Math.abs(p.ptsMicros() - origin - written) <= TOLERANCE_MICROS)) {
        lost.add(i);
      }
    }
    // one run of frames is gone, and the packets either side of it were muxed before and after the garbage
    assertThat(lost).isNotEmpty();
    int first = lost.get(0);
    int last = lost.get(lost.size() - 1);
    assertThat(last - first + 1).isEqualTo(lost.size());
    assertThat(first).isPositive();
    assertThat(last).isLessThan(clip.frames().size() - 1);
    PacketInfo before = packets.get(first - 1);
    PacketInfo after = packets.get(first);
    assertThat(before.pos()).isLessThan(garbage.start());
    assertThat(after.pos()).isGreaterThanOrEqualTo(garbage.end());
    // and everything else still decodes, up to the last frame
    assertThat(decodes.get(Clip.CORRUPT_TS).frames()).hasSize(clip.frames().size() - lost.size());
  }

  /** Each trait judged from FFmpeg's reading of the file or from its bytes, never from the claim. */
  private static Set<Trait> traitsSeen(CorpusClip clip, ReferenceDecode reference) throws IOException {
    PacketSummary packets = reference.packets();
    List<ReferenceFrame> frames = reference.frames();
    Set<Trait> seen = EnumSet.noneOf(Trait.class);
    if (packets.reordered() && frames.stream().anyMatch(f -> f.pictType() == 'B')) {
      seen.add(Trait.B_FRAMES);
    }
    if (frames.stream().anyMatch(f -> !f.hasTimestamp())) {
      seen.add(Trait.UNTIMED_FRAMES);
    }
    if (packets.format().startsWith("mov,mp4")) {
      List<String> boxes = Mp4Boxes.topLevel(clip.path());
      if (boxes.indexOf("moov") > boxes.indexOf("mdat")) {
        seen.add(Trait.MOOV_AT_END);
      }
    }
    if (packets.fieldOrder().equals("tt")
        && frames.stream().allMatch(f -> f.interlaced() && f.topFieldFirst())) {
      seen.add(Trait.INTERLACED_TOP_FIRST);
    }
    if (packets.audioStreams() > 0) {
      seen.add(Trait.AUDIO);
    }
    if (packets.width() % 2 == 1 || packets.height() % 2 == 1) {
      seen.add(Trait.ODD_SIZE);
    }
    if (packets.bitsPerSample() > 8) {
      seen.add(Trait.HIGH_BIT_DEPTH);
    }
    if (packets.format().equals("avi") && zeroLengthVideoChunks(clip.path()) > 0) {
      seen.add(Trait.ZERO_LENGTH_PACKETS);
    }
    if (isVariableRateWithGap(reference.ptsMicros())) {
      seen.add(Trait.VARIABLE_FRAME_RATE);
    }
    if (!packets.startsWithKeyframe()) {
      seen.add(Trait.STARTS_BEFORE_KEYFRAME);
    }
    if (Math.abs(packets.displayRotation()) == 90) {
      seen.add(Trait.ROTATED_90);
    }
    clip.damaged().ifPresent(range -> {
      boolean cutShort = range.end() > sizeOf(clip.path()) && frames.size() < clip.frames().size();
      seen.add(cutShort ? Trait.TRUNCATED : Trait.CORRUPT_MIDDLE);
    });
    return seen;
  }

  /** At least three different frame durations, and a gap of a second or more. */
  private static boolean isVariableRateWithGap(List<Long> pts) {
    List<Long> steps = new ArrayList<>();
    for (int i = 1; i < pts.size(); i++) {
      long step = pts.get(i) - pts.get(i - 1);
      if (steps.stream().noneMatch(s -> Math.abs(s - step) <= TOLERANCE_MICROS)) {
        steps.add(step);
      }
    }
    return steps.size() >= 4 && steps.stream().anyMatch(s -> s >= 1_000_000);
  }

  private static long zeroLengthVideoChunks(Path avi) throws IOException {
    return AviChunks.movi(avi).stream().filter(c -> c.id().startsWith("00d") && c.size() == 0).count();
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
