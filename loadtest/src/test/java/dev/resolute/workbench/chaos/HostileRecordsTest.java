package dev.resolute.workbench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.schemas.CameraIds;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.testkit.traffic.FrameId;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile records are what their kinds claim, so that a chaos run's verdict on a kind is a
 * verdict on that attack: each differs from a real chunk of the generated clip in the one way its
 * kind names, and the ids are valid or invalid under the one camera id rule as the kind needs.
 */
class HostileRecordsTest {
  private static final AvroSerde<VideoChunk> CHUNKS = AvroSerde.of(VideoChunk.class);
  private static List<VideoChunk> clip;

  @BeforeAll
  static void writeClip(@TempDir Path dir) throws Exception {
    clip = GeneratedClip.write(dir);
  }

  private static HostileRecords only(HostileKind kind) {
    return new HostileRecords(clip, "chaos-test", 3, EnumSet.of(kind));
  }

  private static VideoChunk chunk(HostileRecord record) {
    return CHUNKS.fromBytes(record.value());
  }

  @Test
  void shouldClaimACaptureTwoHoursAheadOfNowOnAnOtherwiseRealChunk() {
    long before = System.currentTimeMillis();
    HostileRecord record = only(HostileKind.CAPTURED_2H_AHEAD).make(0, "cam-a");
    long after = System.currentTimeMillis();

    VideoChunk chunk = chunk(record);
    assertThat(record.kind()).isEqualTo(HostileKind.CAPTURED_2H_AHEAD);
    assertThat(chunk.getCaptureTimeMs()).isBetween(before + HostileRecords.AHEAD_MS, after + HostileRecords.AHEAD_MS);
    assertThat(chunk.getCameraId()).isEqualTo("cam-a").isEqualTo(record.key());
    assertThat(chunk.getPayload()).isEqualTo(clip.get(0).getPayload());
    assertThat(chunk.getFirstFrameIndex()).as("marked, so that any output of it shows").isGreaterThanOrEqualTo(HostileRecords.FRAME_MARK);
  }

  @Test
  void shouldStretchTheFrameTimesToSpanTwoToTheFortyMicrosecondsStillRunningForwards() {
    VideoChunk chunk = chunk(only(HostileKind.FRAME_SPAN_2_40).make(1, "cam-a"));

    List<Long> pts = chunk.getFramePtsMicros();
    assertThat(pts).hasSize(chunk.getFrameCount()).isSorted();
    assertThat(pts.get(0)).isEqualTo(chunk.getFirstPtsMicros());
    assertThat(pts.get(pts.size() - 1) - pts.get(0)).isEqualTo(1L << 40);
    assertThat(pts.subList(0, pts.size() - 1)).isEqualTo(clip.get(1).getFramePtsMicros().subList(0, pts.size() - 1));
  }

  @Test
  void shouldKeyA100KbCameraIdThatOnlyItsLengthMakesInvalid() {
    HostileRecords records = only(HostileKind.CAMERA_ID_100KB);
    HostileRecord first = records.make(0, "cam-a");
    HostileRecord second = records.make(1, "cam-a");

    assertThat(first.key()).hasSize(100 * 1024).isEqualTo(chunk(first).getCameraId()).isNotEqualTo(second.key());
    assertThat(CameraIds.problem(first.key())).hasValueSatisfying(problem -> assertThat(problem)
        .contains(HostileKind.CAMERA_ID_100KB.reasonFragment()).contains("characters long"));
    assertThat(CameraIds.valid(first.key().substring(first.key().length() - CameraIds.MAX_LENGTH))).isTrue();
  }

  @Test
  void shouldSendGoodVideoUnderTheValidIdsConstructorAndProtoWithFramesOfTheirOwn() {
    HostileRecords records = new HostileRecords(clip, "chaos-test", 3,
        EnumSet.of(HostileKind.CAMERA_CONSTRUCTOR, HostileKind.CAMERA_PROTO));
    Set<FrameId> frames = new HashSet<>();
    for (int n = 0; n < 6; n++) {
      HostileRecord record = records.make(n, "cam-a");
      VideoChunk chunk = chunk(record);
      String id = n % 2 == 0 ? "constructor" : "__proto__";

      assertThat(record.key()).isEqualTo(id).isEqualTo(chunk.getCameraId());
      assertThat(CameraIds.valid(id)).isTrue();
      assertThat(chunk.getSequence()).isEqualTo(n / 2);
      assertThat(chunk.getPayload()).isEqualTo(clip.get(n / 2 % clip.size()).getPayload());
      assertThat(record.framesIfDecoded()).hasSize(chunk.getFrameCount());
      assertThat(frames).as("frames of earlier chunks").doesNotContainAnyElementsOf(record.framesIfDecoded());
      frames.addAll(record.framesIfDecoded());
    }
  }

  @Test
  void shouldForgeAThousandDistinctValidIdsKeyedAsTheyClaimOnChunksThatAreNotVideo() {
    List<HostileRecord> forged = only(HostileKind.FORGED_CAMERA_IDS).forged();

    assertThat(forged).hasSize(1000).allSatisfy(record -> {
      VideoChunk chunk = chunk(record);
      assertThat(record.kind()).isEqualTo(HostileKind.FORGED_CAMERA_IDS);
      assertThat(record.key()).isEqualTo(chunk.getCameraId()).startsWith("chaos-test-forged-");
      assertThat(CameraIds.valid(record.key())).isTrue();
      assertThat(record.framesIfDecoded()).isEmpty();
      assertThat(clip).extracting(VideoChunk::getPayload).doesNotContain(chunk.getPayload());
    });
    assertThat(forged.stream().map(HostileRecord::key).distinct()).hasSize(1000);
  }

  @Test
  void shouldTakeTurnsOnlyAmongTheSelectedRecordKinds() {
    HostileRecords records = new HostileRecords(clip, "chaos-test", 3, EnumSet.of(HostileKind.FPS_NAN, HostileKind.CAPTURED_2H_AHEAD,
        HostileKind.FORGED_CAMERA_IDS, HostileKind.SECOND_APPLICATION, HostileKind.SIGTERM_DURING_BROKER_RESTART));

    assertThat(List.of(records.make(0, "cam-a").kind(), records.make(1, "cam-a").kind(), records.make(2, "cam-a").kind()))
        .containsExactly(HostileKind.FPS_NAN, HostileKind.CAPTURED_2H_AHEAD, HostileKind.FPS_NAN);
    assertThat(new HostileRecords(clip, "chaos-test", 3, EnumSet.of(HostileKind.SECOND_APPLICATION)).hasTurns()).isFalse();
  }

  @Test
  void shouldFailAGoodCameraChunkThatWasDeadLetteredAndPassOneMaskedOnce() {
    assertThat(ChaosLedger.verdict(HostileKind.CAMERA_PROTO, 5, 1, 0, 4, Map.of("camera id", 1L))).startsWith("FAILED: 1 of 5");
    assertThat(ChaosLedger.verdict(HostileKind.CAMERA_PROTO, 5, 0, 0, 5, Map.of())).startsWith("passed");
    assertThat(ChaosLedger.verdict(HostileKind.CAPTURED_2H_AHEAD, 5, 5, 2, 5, Map.of("out of range", 2L, "ahead", 3L)))
        .startsWith("FAILED: 2 of 5 dead-lettered for a reason without 'ahead'");
    assertThat(ChaosLedger.verdict(HostileKind.CAPTURED_2H_AHEAD, 5, 3, 0, 3, Map.of())).startsWith("FAILED: 2 of 5 not dead-lettered");
  }
}
