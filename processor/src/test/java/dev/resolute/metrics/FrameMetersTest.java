package dev.resolute.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.InvalidChunkException;
import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.FrameCost;
import dev.resolute.topology.RefusedOutputException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FrameMetersTest {
  private static final Duration IDLE = Duration.ofMinutes(10);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CameraSeries series = new CameraSeries(2);
  private final FrameMeters frames = new FrameMeters(registry, series, IDLE);

  private static FrameCost cost(String camera, int level, boolean skipped) {
    return FrameCost.newBuilder().setCameraId(camera).setChunkSequence(0).setFrameIndex(0)
        .setDecodeMs(1).setResizeMs(1).setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(200)
        .setInferenceWidth(8).setInferenceHeight(8).setLevel(level).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(0)
        .setEngine("e").setDevice("cpu").setBatchSize(1).setStride(1).setSkipped(skipped).build();
  }

  private List<Meter> metersOf(String camera) {
    return registry.getMeters().stream().filter(m -> camera.equals(m.getId().getTag("camera"))).toList();
  }

  @Test
  void shouldGiveSeriesToTheFirstCamerasOnlyAndCountTheRestUnderOther() {
    frames.record(cost("cam-a", 0, false), 0);
    frames.record(cost("cam-b", 1, true), 0);
    for (int i = 0; i < 100; i++) {
      frames.record(cost("forged-" + i, 0, false), 0);
    }
    frames.record(cost("cam-a", 1, false), 0);

    assertThat(metersOf("cam-a")).isNotEmpty();
    assertThat(metersOf("cam-b")).isNotEmpty();
    assertThat(registry.getMeters()).noneMatch(m -> String.valueOf(m.getId().getTag("camera")).startsWith("forged-"));
    assertThat(registry.get("resolute.frames.in").tag("camera", FrameMeters.OTHER).counter().count()).isEqualTo(100);
    assertThat(registry.get("resolute.frames.in").tag("camera", "cam-a").counter().count()).isEqualTo(2);
    assertThat(series.refused()).isEqualTo(100);
  }

  @Test
  void shouldNeverMakeALabelOfAnIdThatBreaksTheRule() {
    frames.record(cost("x".repeat(100_000), 0, false), 0);
    frames.record(cost("<script>", 0, false), 0);

    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(String.valueOf(m.getId().getTag("camera"))).hasSizeLessThan(20));
    assertThat(series.cameras()).isZero();
    assertThat(series.refused()).isEqualTo(2);
  }

  @Test
  void shouldRemoveEveryMeterOfAnIdleCameraAndFreeItsSlot() {
    frames.record(cost("cam-a", 0, false), 0);
    frames.record(cost("cam-a", 2, false), 0);
    frames.record(cost("cam-a", 2, true), 0);
    frames.record(cost("cam-b", 0, false), IDLE.toMillis());
    // the simple registry shows a timer's SLO buckets as gauges of their own: they must go too
    long before = metersOf("cam-a").stream().filter(m -> !m.getId().getName().endsWith(".histogram")).count();

    List<String> forgotten = frames.forgetIdle(IDLE.toMillis() + 1);
    frames.record(cost("cam-c", 0, false), IDLE.toMillis() + 1);

    assertThat(before).as("frames in, skipped, latency, masks at two levels, seven gauges").isEqualTo(12);
    assertThat(forgotten).containsExactly("cam-a");
    assertThat(metersOf("cam-a")).isEmpty();
    assertThat(metersOf("cam-b")).isNotEmpty();
    assertThat(metersOf("cam-c")).as("the freed slot").isNotEmpty();
  }

  @Test
  void shouldRemoveEveryMeterOfACameraWhosePartitionLeft() {
    frames.record(cost("cam-a", 0, false), 0);

    frames.forget("cam-a");

    assertThat(metersOf("cam-a")).isEmpty();
    assertThat(series.cameras()).isZero();
  }

  @Test
  void shouldCountDeadLettersByKindOnlyWhateverTheirKeyAndReason() {
    DeadLetterMeters letters = new DeadLetterMeters(registry, frames);
    frames.record(cost("cam-a", 0, false), 0);

    // the error classes production writes into letters
    letters.record(letter("k".repeat(1 << 20), "chunk 1 of camera kkk: 12 of 14 frames damaged", ChunkDecodeException.class));
    letters.record(letter("cam-a", "unreadable 0x1f", SerializationException.class));
    letters.record(letter(null, "chunk 3 of camera cam-a: 2 h ahead of now", InvalidChunkException.class));
    letters.record(letter("cam-a", "masks refused its output: out of range", RefusedOutputException.class));
    letters.record(letter("other", "boom", IllegalStateException.class));

    assertThat(registry.find("resolute.dead.letters").counters()).hasSize(DeadLetterKind.values().length)
        .allSatisfy(c -> assertThat(c.getId().getTags()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("reason")));
    Map<String, Double> expected = Map.of("undecodable", 1.0, "unreadable", 1.0, "invalid", 2.0, "processing", 1.0);
    expected.forEach((kind, count) ->
        assertThat(registry.get("resolute.dead.letters").tag("reason", kind).counter().count()).as(kind).isEqualTo(count));
    assertThat(registry.getMeters()).noneMatch(m -> m.getId().getTags().stream().anyMatch(t -> t.getValue().startsWith("kkk")));
    assertThat(series.cameras()).isEqualTo(1);
  }

  private static DeadLetter letter(String key, String reason, Class<? extends Exception> errorClass) {
    return DeadLetter.newBuilder().setSourceTopic("video-chunks").setPartition(0).setOffset(0).setKey(key).setReason(reason)
        .setErrorClass(errorClass.getName()).setOriginalBytes(ByteBuffer.wrap(new byte[] {1, 2})).build();
  }
}
