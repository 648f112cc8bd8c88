package dev.resolute.testkit.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.time.SettableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class ChunkPacerTest {
  private final SettableClock clock = new SettableClock(5_000_000);
  private final List<VideoChunk> sent = new ArrayList<>();
  private final List<Long> sentAt = new ArrayList<>();

  /** 10 frames at 10 fps, one second of media per chunk. */
  static VideoChunk chunk(String camera, long sequence, long captureMs) {
    return VideoChunk.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTimeMs(captureMs)
        .setFirstPtsMicros(sequence * 1_000_000).setFirstFrameIndex(sequence * 10).setFrameCount(10).setFps(10)
        .setWidth(4).setHeight(4).setCodec("h264").setContainer("matroska")
        .setPayload(ByteBuffer.wrap(new byte[] {(byte) sequence})).build();
  }

  /** 4 frames at 20 fps, 200 ms of media per chunk, captured (as a file is read) all at once. */
  private static VideoChunk fileChunk(long sequence) {
    return VideoChunk.newBuilder().setCameraId("c").setSequence(sequence).setCaptureTimeMs(0)
        .setFirstPtsMicros(sequence * 200_000).setFirstFrameIndex(sequence * 4).setFrameCount(4).setFps(20)
        .setWidth(2).setHeight(2).setCodec("h264").setContainer("matroska").setPayload(ByteBuffer.allocate(1)).build();
  }

  private ChunkPacer pacer(ChunkPacer.Plan plan) {
    return new ChunkPacer(plan, clock, clock::advance);
  }

  private Consumer<VideoChunk> recorder() {
    return c -> {
      sent.add(c);
      sentAt.add(clock.millis());
    };
  }

  private ChunkPacer.Result play(ChunkPacer.Plan plan, List<VideoChunk> recording) {
    return pacer(plan).play(recording, recorder(), progress -> { });
  }

  @Test
  void shouldReleaseAFilesChunksWhenTheirLastFrameIsDueAtTheRecordedPaceDividedBySpeed() {
    Consumer<VideoChunk> paced = pacer(ChunkPacer.Plan.file(4)).pacing(recorder());

    for (long s = 0; s < 5; s++) {
      paced.accept(fileChunk(s));
    }

    // 200 ms of media per chunk at 4x: one chunk every 50 ms, each once its last frame is "captured"
    assertThat(sentAt).containsExactly(5_000_038L, 5_000_088L, 5_000_138L, 5_000_188L, 5_000_238L);
    assertThat(sent).allSatisfy(c -> assertThat(c.getCaptureTimeScale()).isEqualTo(0.25));
    // stamped capture time: the first frame's, 3 frames (150 ms of media, 38 ms at 4x) before release
    assertThat(sent.get(0).getCaptureTimeMs()).isEqualTo(5_000_000L);
    assertThat(sent.get(4).getCaptureTimeMs() - sent.get(0).getCaptureTimeMs()).isEqualTo(200L);
  }

  @Test
  void shouldPassAFileOnAsReadAtFullSpeed() {
    List<VideoChunk> file = List.of(fileChunk(0), fileChunk(1));
    Consumer<VideoChunk> paced = pacer(ChunkPacer.Plan.file(Double.POSITIVE_INFINITY)).pacing(recorder());

    file.forEach(paced);

    assertThat(sent).containsExactlyElementsOf(file);
    assertThat(sentAt).containsOnly(5_000_000L);
  }

  @Test
  void shouldRefuseToLoopChunksPacedAsTheyCome() {
    assertThatThrownBy(() -> pacer(ChunkPacer.Plan.replay(1, 1, true, Duration.ofSeconds(1))).pacing(recorder()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepTheRecordedSpacingDividedBySpeed() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 1000), chunk("a", 1, 2000), chunk("a", 2, 3000));

    play(ChunkPacer.Plan.replay(2, 1, false, Duration.ZERO), recording);

    // released at each first frame's capture offset: a chunk earlier than the file's LAST_FRAME release
    assertThat(sentAt).containsExactly(5_000_000L, 5_000_500L, 5_001_000L);
    assertThat(sent).allSatisfy(c -> assertThat(c.getCaptureTimeScale()).isEqualTo(0.5));
  }

  @Test
  void shouldReplayARecordingInCaptureOrder() {
    List<VideoChunk> recording = List.of(chunk("a", 1, 2000), chunk("b", 0, 1500), chunk("a", 0, 1000));

    play(ChunkPacer.Plan.replay(1, 1, false, Duration.ZERO), recording);

    assertThat(sentAt).containsExactly(5_000_000L, 5_000_500L, 5_001_000L);
    assertThat(sent).extracting(c -> c.getCameraId() + c.getSequence()).containsExactly("a0", "b0", "a1");
  }

  @Test
  void shouldSendChunksExactlyAsRecordedAtFullSpeed() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 1000), chunk("b", 0, 1500), chunk("a", 1, 2000));

    play(ChunkPacer.Plan.replay(Double.POSITIVE_INFINITY, 1, false, Duration.ZERO), recording);

    assertThat(sent).containsExactlyElementsOf(recording);
    for (int i = 0; i < recording.size(); i++) {
      assertThat(sent.get(i)).isSameAs(recording.get(i));
    }
    assertThat(sentAt).containsOnly(5_000_000L);
  }

  @Test
  void shouldMultiplyCamerasUnderTheirOwnIds() {
    play(ChunkPacer.Plan.replay(Double.POSITIVE_INFINITY, 3, false, Duration.ZERO), List.of(chunk("a", 0, 1000)));

    assertThat(sent).extracting(VideoChunk::getCameraId).containsExactly("a-0", "a-1", "a-2");
  }

  @Test
  void shouldContinueSequenceAndFrameNumbersWhenLoopingUntilTheLimit() {
    List<VideoChunk> recording = List.of(chunk("a", 0, 0), chunk("a", 1, 1000));

    ChunkPacer.Result result = play(ChunkPacer.Plan.replay(1, 1, true, Duration.ofMillis(3_500)), recording);

    assertThat(sent).extracting(VideoChunk::getSequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(sent).extracting(VideoChunk::getFirstFrameIndex).containsExactly(0L, 10L, 20L, 30L);
    assertThat(sentAt).containsExactly(5_000_000L, 5_001_000L, 5_002_000L, 5_003_000L);
    assertThat(result.chunks()).isEqualTo(4);
    assertThat(result.frames()).isEqualTo(40);
  }

  @Test
  void shouldNeverStampACamerasChunkBeforeItsPreviousOne() {
    // two copies at full speed: every chunk leaves at the same instant, and the stamps must still run forward
    play(ChunkPacer.Plan.replay(Double.POSITIVE_INFINITY, 2, false, Duration.ZERO),
        List.of(chunk("a", 0, 0), chunk("a", 1, 1000)));

    List<VideoChunk> copy0 = sent.stream().filter(c -> c.getCameraId().equals("a-0")).toList();
    assertThat(copy0).hasSize(2);
    assertThat(copy0.get(1).getCaptureTimeMs()).isGreaterThanOrEqualTo(copy0.get(0).getCaptureTimeMs() + 900);
  }

  @Test
  void shouldPublishEveryCameraOnceAnIntervalStampedNowAndPinnedToItsPartition() {
    List<VideoChunk> clip = List.of(chunk("source", 0, 7), chunk("source", 1, 7));
    ChunkPacer pacer = pacer(ChunkPacer.Plan.cameras(Duration.ofMillis(400), 3, "run", 2));
    List<ChunkPacer.Result> progress = new ArrayList<>();

    pacer.play(clip, c -> {
      recorder().accept(c);
      if (sent.size() == 12) {
        pacer.stop();
      }
    }, progress::add);

    assertThat(sent).hasSize(12);
    assertThat(sentAt).containsExactly(5_000_000L, 5_000_000L, 5_000_000L, 5_000_400L, 5_000_400L, 5_000_400L,
        5_000_800L, 5_000_800L, 5_000_800L, 5_001_200L, 5_001_200L, 5_001_200L);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(sent.get(i).getCaptureTimeMs()).isEqualTo(sentAt.get(i));
    }
    List<String> ids = sent.subList(0, 3).stream().map(VideoChunk::getCameraId).toList();
    assertThat(ids).doesNotHaveDuplicates();
    for (int camera = 0; camera < ids.size(); camera++) {
      assertThat(ids.get(camera)).startsWith("run-" + camera + "-");
      assertThat(partitionOf(ids.get(camera), 2)).isEqualTo(camera % 2);
    }
    assertThat(new ChunkPacer.Naming.PinnedToPartitions("run", 2).ids(3)).isEqualTo(ids);
    // the second round goes on where the first stopped
    assertThat(sent.stream().filter(c -> c.getCameraId().equals(ids.get(0))).map(VideoChunk::getSequence))
        .containsExactly(0L, 1L, 2L, 3L);
    assertThat(sent.stream().filter(c -> c.getCameraId().equals(ids.get(0))).map(VideoChunk::getFirstFrameIndex))
        .containsExactly(0L, 10L, 20L, 30L);
    assertThat(progress).extracting(ChunkPacer.Result::chunks).containsExactly(3L, 6L, 9L, 12L);
  }

  @Test
  void shouldKeepALiveCamerasIntervalAfterAPublisherThatBlocked() {
    List<VideoChunk> clip = List.of(chunk("source", 0, 7), chunk("source", 1, 7), chunk("source", 2, 7));

    ChunkPacer pacer = pacer(ChunkPacer.Plan.cameras(Duration.ofMillis(400), 1, "run", 1));
    pacer.play(clip, c -> {
      recorder().accept(c);
      if (sent.size() == 1) {
        clock.advance(1_000); // the first send waits for a broker that was away
      }
      if (sent.size() == 3) {
        pacer.stop();
      }
    }, progress -> { });

    // the missed chunks do not go out in a burst: the next one leaves an interval after the blocked send
    assertThat(sentAt).containsExactly(5_000_000L, 5_001_400L, 5_001_800L);
  }

  @Test
  void shouldRefuseCopiesUnderTheRecordedId() {
    assertThatThrownBy(() -> new ChunkPacer.Plan(new ChunkPacer.Timing.Recorded(1, ChunkPacer.Release.FIRST_FRAME),
        ChunkPacer.Restamp.VERBATIM, 2, new ChunkPacer.Naming.AsIs(), false, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChunkPacer.Plan.replay(0, 1, false, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int partitionOf(String id, int partitions) {
    return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
