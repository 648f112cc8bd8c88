package dev.resolute.loadtest.load;

import dev.resolute.schemas.FrameCost;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the processor did over a load test, from its cost records: latency histograms (HdrHistogram,
 * per camera and overall) and one bucket per second and camera for the plots and the CSV.
 */
public final class LoadSeries {
  /** One second of one camera. */
  public static final class Bucket {
    long frames;
    long skipped;
    double latencySumMs;
    double latencyMaxMs;
    int level;
    int stride = 1;
    double lagSeconds;

    public long frames() {
      return frames;
    }

    public double latencyMeanMs() {
      return frames == 0 ? 0 : latencySumMs / frames;
    }
  }

  private static final long MAX_LATENCY_MS = 3_600_000;
  private final Histogram overall = new Histogram(MAX_LATENCY_MS, 3);
  private final Map<String, Histogram> perCamera = new TreeMap<>();
  private final Map<String, TreeMap<Long, Bucket>> buckets = new TreeMap<>();
  private long frames;
  private long skipped;

  /** Files a cost record received {@code secondsSinceStart} into the run. */
  public void add(FrameCost cost, long secondsSinceStart) {
    Bucket bucket = buckets.computeIfAbsent(cost.getCameraId(), c -> new TreeMap<>())
        .computeIfAbsent(secondsSinceStart, s -> new Bucket());
    bucket.level = cost.getLevel();
    bucket.stride = cost.getStride();
    bucket.lagSeconds = Math.max(bucket.lagSeconds, cost.getLagMsAtDecision() / 1000.0);
    if (cost.getSkipped()) {
      bucket.skipped++;
      skipped++;
      return;
    }
    long latency = Math.min(MAX_LATENCY_MS, Math.max(0, Math.round(cost.getEndToEndLatencyMs())));
    bucket.frames++;
    bucket.latencySumMs += latency;
    bucket.latencyMaxMs = Math.max(bucket.latencyMaxMs, latency);
    overall.recordValue(latency);
    perCamera.computeIfAbsent(cost.getCameraId(), c -> new Histogram(MAX_LATENCY_MS, 3)).recordValue(latency);
    frames++;
  }

  public long frames() {
    return frames;
  }

  public long skipped() {
    return skipped;
  }

  public Histogram overall() {
    return overall;
  }

  public Map<String, Histogram> perCamera() {
    return perCamera;
  }

  public Map<String, TreeMap<Long, Bucket>> buckets() {
    return buckets;
  }
}
