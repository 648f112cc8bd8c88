package dev.resolute.workbench.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's resident memory and heap, sampled at a fixed period during a load test: native
 * memory (FFmpeg frames, ONNX Runtime tensors) does not show in the heap, and a leak there shows
 * only as RSS that keeps growing after the warm-up.
 */
public final class MemorySampler implements AutoCloseable {
  /** One sample: seconds into the run, resident set and heap in use, in MiB. */
  public record Sample(double seconds, double rssMb, double heapMb) {}

  /**
   * @param rssMbAfterWarmUp median RSS over the middle third of the run: engines built, JIT done,
   *     and the garbage collector's heap grown to its working size (G1 takes minutes to settle)
   * @param rssMbEnd median RSS over the last third: medians, because the committed heap swings by
   *     hundreds of MiB between collections and a single sample would measure a swing, not a trend
   * @param rssGrowthPercent the last third against the middle third: a leak keeps this positive
   */
  public record Profile(double rssMbStart, double rssMbAfterWarmUp, double rssMbEnd, double rssMbMax, double heapMbEnd,
      double rssGrowthPercent) {}

  private static final Path STATUS = Path.of("/proc/self/status");

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "memory-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final long startNanos = System.nanoTime();

  public MemorySampler(long periodMillis) {
    sample(); // the start, before anything else runs
    timer.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    Runtime runtime = Runtime.getRuntime();
    double heapMb = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
    Sample sample = new Sample((System.nanoTime() - startNanos) / 1e9, residentMb(), heapMb);
    synchronized (samples) {
      samples.add(sample);
    }
  }

  /** VmRSS from /proc; NaN where there is no /proc (not Linux). */
  static double residentMb() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through: no figure is better than a wrong one
    }
    return Double.NaN;
  }

  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  public Profile profile() {
    List<Sample> all = samples();
    if (all.isEmpty()) {
      return new Profile(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    int n = all.size();
    double middle = medianRss(all.subList(n / 3, Math.max(n / 3 + 1, 2 * n / 3)));
    double last = medianRss(all.subList(Math.min(2 * n / 3, n - 1), n));
    double max = all.stream().mapToDouble(Sample::rssMb).max().orElse(Double.NaN);
    return new Profile(all.get(0).rssMb(), middle, last, max, all.get(n - 1).heapMb(), (last - middle) / middle * 100);
  }

  private static double medianRss(List<Sample> samples) {
    double[] rss = samples.stream().mapToDouble(Sample::rssMb).sorted().toArray();
    return rss.length % 2 == 1 ? rss[rss.length / 2] : (rss[rss.length / 2 - 1] + rss[rss.length / 2]) / 2;
  }

  public void writeCsv(Path file) throws IOException {
    StringBuilder csv = new StringBuilder("seconds,rss_mb,heap_mb\n");
    samples().forEach(s -> csv.append(String.format("%.1f,%.1f,%.1f%n", s.seconds(), s.rssMb(), s.heapMb())));
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sample(); // the end of the run, whatever the period
  }
}
