package dev.resolute.metrics;

import dev.resolute.schemas.FrameCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-frame meters from cost records: one record per frame the processor read, skipped or not.
 * Histograms have fixed SLO buckets so that instances aggregate and quantiles come from
 * {@code histogram_quantile}; step times are tagged by level, not camera, to keep the series count
 * proportional to the ladder rather than to cameras times ladder times steps.
 */
final class FrameMeters {
  private static final Duration[] LATENCY_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120);
  private static final Duration[] STEP_BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);

  private final MeterRegistry registry;
  private final Map<String, CameraGauges> gauges = new HashMap<>();

  FrameMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(FrameCost cost) {
    String camera = cost.getCameraId();
    String level = String.valueOf(cost.getLevel());
    counter("resolute.frames.in", "frames read by the processor (dead-lettered chunks' frames included)", camera).increment();
    gauges.computeIfAbsent(camera, c -> new CameraGauges(registry, c, cost)).update(cost);
    // registered before the first skip, so that rate() and the dashboard see 0 rather than no series
    Counter skipped = counter("resolute.frames.skipped", "frames the stride skipped: no mask", camera);
    if (cost.getSkipped()) {
      skipped.increment();
      return; // a skipped frame's timings are 0 and would drag every histogram down
    }
    Counter.builder("resolute.masks.out").description("masks published").tags("camera", camera, "level", level).register(registry)
        .increment();
    timer("resolute.end.to.end.latency", "capture to mask handed to the producer", LATENCY_BUCKETS, "camera", camera)
        .record(millis(cost.getEndToEndLatencyMs()));
    double total = cost.getDecodeMs() + cost.getResizeMs() + cost.getInferenceMs() + cost.getUpsampleMs() + cost.getEncodeMs();
    timer("resolute.frame.processing", "all steps of one frame, by level: ms/frame", STEP_BUCKETS, "level", level).record(millis(total));
    step("decode", level, cost.getDecodeMs());
    step("resize", level, cost.getResizeMs());
    step("inference", level, cost.getInferenceMs());
    step("upsample", level, cost.getUpsampleMs());
    step("encode", level, cost.getEncodeMs());
  }

  /** Counts the frames of a dead-lettered chunk as read: they came in, and will never have costs. */
  void deadLettered(String camera, long frames) {
    counter("resolute.frames.in", "frames read by the processor (dead-lettered chunks' frames included)", camera).increment(frames);
  }

  /** Drops the gauges of cameras whose records this instance no longer reads, so none goes stale here. */
  void forget(String camera) {
    CameraGauges gone = gauges.remove(camera);
    if (gone != null) {
      gone.remove();
    }
  }

  private void step(String step, String level, double ms) {
    timer("resolute.step", "one step of one frame", STEP_BUCKETS, "step", step, "level", level).record(millis(ms));
  }

  private Counter counter(String name, String description, String camera) {
    return Counter.builder(name).description(description).tag("camera", camera).register(registry);
  }

  private Timer timer(String name, String description, Duration[] buckets, String... tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets).register(registry);
  }

  private static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(Math.max(0, ms) * TimeUnit.MILLISECONDS.toNanos(1)));
  }

  private static Duration[] seconds(double... values) {
    Duration[] buckets = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      buckets[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return buckets;
  }
}
