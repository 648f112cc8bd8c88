package dev.resolute.metrics;

import dev.resolute.schemas.FrameCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-frame meters from cost records: one record per frame the processor read, skipped or not.
 * Histograms have fixed SLO buckets so that instances aggregate and quantiles come from
 * {@code histogram_quantile}; step times are tagged by level, not camera, to keep the series count
 * proportional to the ladder rather than to cameras times ladder times steps.
 *
 * <p>A camera gets series of its own only when {@link CameraSeries} admits it, and loses them all
 * (counters, timers, gauges) when it is forgotten: idle for the eviction time, or its partition gone
 * to another instance. The frames of cameras without series count under {@value #OTHER}, so
 * sums over cameras stay the fleet's totals.
 */
final class FrameMeters {
  /** No camera id can be this: {@code CameraIds} allows no parentheses. */
  static final String OTHER = CameraSeries.OTHER;
  private static final Duration[] LATENCY_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120);
  private static final Duration[] STEP_BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5);

  private final MeterRegistry registry;
  private final CameraSeries series;
  private final Duration idle;
  private final Map<String, CameraMeters> cameras = new HashMap<>();
  private final CameraMeters other;

  FrameMeters(MeterRegistry registry, CameraSeries series, Duration idle) {
    this.registry = registry;
    this.series = series;
    this.idle = idle;
    this.other = new CameraMeters(OTHER, null);
  }

  /** {@code nowMs}: when the record was read, for idle eviction. */
  void record(FrameCost cost, long nowMs) {
    CameraMeters camera = metersOf(cost, nowMs);
    camera.framesIn.increment();
    if (camera.gauges != null) {
      camera.gauges.update(cost);
    }
    String level = String.valueOf(cost.getLevel());
    if (cost.getSkipped()) {
      camera.skipped.increment();
      return; // a skipped frame's timings are 0 and would drag every histogram down
    }
    camera.masksOut(level).increment();
    camera.latency.record(millis(cost.getEndToEndLatencyMs()));
    double total = cost.getDecodeMs() + cost.getResizeMs() + cost.getInferenceMs() + cost.getUpsampleMs() + cost.getEncodeMs();
    timer("resolute.frame.processing", "all steps of one frame, by level: ms/frame", STEP_BUCKETS, "level", level).record(millis(total));
    step("decode", level, cost.getDecodeMs());
    step("resize", level, cost.getResizeMs());
    step("inference", level, cost.getInferenceMs());
    step("upsample", level, cost.getUpsampleMs());
    step("encode", level, cost.getEncodeMs());
  }

  /**
   * Counts the frames of a dead-lettered chunk as read: they came in, and will never have costs.
   * Under their camera only if it has series already: a letter's key vouches for nothing, so it
   * may find a series but never make one.
   */
  void deadLettered(String key, long frames) {
    CameraMeters camera = key == null ? null : cameras.get(key);
    (camera == null ? other : camera).framesIn.increment(frames);
  }

  /** Drops every meter of a camera whose records this instance no longer reads, and frees its slot. */
  void forget(String camera) {
    CameraMeters gone = cameras.remove(camera);
    if (gone != null) {
      gone.remove();
    }
  }

  /** Forgets the cameras that sent nothing for the eviction time, as the controller forgets their state; returns them. */
  List<String> forgetIdle(long nowMs) {
    List<String> forgotten = new ArrayList<>();
    for (Iterator<CameraMeters> it = cameras.values().iterator(); it.hasNext(); ) {
      CameraMeters camera = it.next();
      if (nowMs - camera.lastSeenMs > idle.toMillis()) {
        it.remove();
        camera.remove();
        forgotten.add(camera.camera);
      }
    }
    return forgotten;
  }

  /** Whether {@code camera} has series of its own here. */
  boolean has(String camera) {
    return cameras.containsKey(camera);
  }

  private CameraMeters metersOf(FrameCost cost, long nowMs) {
    String id = cost.getCameraId();
    CameraMeters camera = cameras.get(id);
    if (camera == null) {
      if (!series.admit(id)) {
        return other;
      }
      camera = new CameraMeters(id, cost);
      cameras.put(id, camera);
    }
    camera.lastSeenMs = nowMs;
    return camera;
  }

  private void step(String step, String level, double ms) {
    timer("resolute.step", "one step of one frame", STEP_BUCKETS, "step", step, "level", level).record(millis(ms));
  }

  private Timer timer(String name, String description, Duration[] buckets, String... tags) {
    return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets).register(registry);
  }

  /** Every meter labelled with one camera, so that forgetting it leaves none behind. */
  private final class CameraMeters {
    final String camera;
    final List<Meter> meters = new ArrayList<>();
    final Map<String, Counter> masksByLevel = new HashMap<>();
    final Counter framesIn;
    final Counter skipped;
    final Timer latency;
    /** Null for {@value #OTHER}: the latest state of many cameras is no camera's state. */
    final CameraGauges gauges;
    long lastSeenMs;

    CameraMeters(String camera, FrameCost first) {
      this.camera = camera;
      framesIn = add(counter("resolute.frames.in", "frames read by the processor (dead-lettered chunks' frames included)"));
      // registered before the first skip, so that rate() and the dashboard see 0 rather than no series
      skipped = add(counter("resolute.frames.skipped", "frames the stride skipped: no mask"));
      latency = add(timer("resolute.end.to.end.latency", "capture to mask handed to the producer", LATENCY_BUCKETS, "camera", camera));
      gauges = first == null ? null : new CameraGauges(registry, camera, first);
    }

    Counter masksOut(String level) {
      return masksByLevel.computeIfAbsent(level, l -> add(Counter.builder("resolute.masks.out").description("masks published")
          .tags("camera", camera, "level", l).register(registry)));
    }

    void remove() {
      meters.forEach(registry::remove);
      meters.clear();
      if (gauges != null) {
        gauges.remove();
      }
      series.release(camera);
    }

    private Counter counter(String name, String description) {
      return Counter.builder(name).description(description).tag("camera", camera).register(registry);
    }

    private <M extends Meter> M add(M meter) {
      meters.add(meter);
      return meter;
    }
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
