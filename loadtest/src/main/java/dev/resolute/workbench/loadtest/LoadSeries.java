package dev.resolute.workbench.loadtest;

import dev.resolute.schemas.FrameCost;
import java.util.ArrayList;
import java.util.List;
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
    long arrivals;
    /** Every latency of the second, for its percentiles: a second holds tens of frames per camera, not thousands. */
    private final List<Double> latenciesMs = new ArrayList<>();

    public long frames() {
      return frames;
    }

    /** Whether a cost record fell in this second (a second may hold only arrivals): level, stride and lag are known. */
    public boolean measured() {
      return frames + skipped > 0;
    }

    public long arrivals() {
      return arrivals;
    }

    public int level() {
      return level;
    }

    public int stride() {
      return stride;
    }

    public double lagSeconds() {
      return lagSeconds;
    }

    /** The latency that {@code q} of this second's masks stayed within (nearest rank), 0 when it had none. */
    public double latencyPercentileMs(double q) {
      if (latenciesMs.isEmpty()) {
        return 0;
      }
      double[] sorted = latenciesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int rank = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
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
  private long arrived;

  /** Files a cost record received {@code secondsSinceStart} into the run. */
  public synchronized void add(FrameCost cost, long secondsSinceStart) {
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
    bucket.latenciesMs.add((double) latency);
    overall.recordValue(latency);
    perCamera.computeIfAbsent(cost.getCameraId(), c -> new Histogram(MAX_LATENCY_MS, 3)).recordValue(latency);
    frames++;
  }

  /** Files {@code frames} frames sent for {@code camera} {@code secondsSinceStart} into the run (the replay's thread). */
  public synchronized void arrived(String camera, long frames, long secondsSinceStart) {
    buckets.computeIfAbsent(camera, c -> new TreeMap<>()).computeIfAbsent(secondsSinceStart, s -> new Bucket()).arrivals += frames;
    arrived += frames;
  }

  /** Frames the replay sent, as filed by {@link #arrived}. */
  public synchronized long arrived() {
    return arrived;
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
