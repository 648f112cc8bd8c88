package dev.resolute.control;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost of every level by camera resolution, shared by every task of an instance. Known sizes come
 * from the {@link StartingCosts} (the {@link CostCache} on disk, a stored profile); an unknown size
 * is warmed up by one background worker per instance while the stream threads go on processing (a
 * warm-up of a large model takes seconds, and on a stream thread every partition of that thread
 * waited for it).
 *
 * <p>The worker owns its own measuring tool {@code T} (the processor's segmenter, so its own DJL
 * predictor: ONNX Runtime's session is shared and its run() is thread-safe, predictors and their
 * buffers are not). Generic so that this class, and the policy that reads it, need nothing from
 * the pipeline.
 *
 * <p>Whoever can publish a chunk chooses its size, so warm-ups are bounded ({@link WarmUpLimits}):
 * a few distinct sizes, one new size per interval. A size past the count borrows the table of the
 * nearest measured size, scaled by pixels; one turned away by the interval starts unmeasured on the
 * cheapest level, as any camera does while its warm-up runs, and a later camera may warm it up.
 *
 * <p>A table follows the truth: a warm-up taken while the process got much less CPU than it could
 * use ({@link CpuMeter}) is marked contended, used to start, and measured again (here once, and at
 * the next start) until a clean table replaces it; and the cameras' own timings ({@link #refresh})
 * replace the table's figures as they run, at most once per {@link #REFRESH_INTERVAL} a size, so
 * the next process starts from what this one paid.
 */
public final class WarmUpCache<T extends AutoCloseable> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WarmUpCache.class);

  private final Map<String, double[]> bySize = new ConcurrentHashMap<>();
  private final Set<String> requested = ConcurrentHashMap.newKeySet();
  /** Sizes whose table was measured under contention and not replaced since. */
  private final Set<String> contended = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastRefreshMs = new ConcurrentHashMap<>();
  private final CpuMeter cpu;
  private final StartingCosts known;
  private final CostCache disk;
  private final Supplier<T> tools;
  private final ExecutorService worker;
  private final WarmUpLimits limits;
  private final java.time.Clock clock;
  private long lastWarmUpMs = Long.MIN_VALUE; // guarded by this
  private boolean reportedFull; // guarded by this
  private T own; // only touched on the worker thread

  /**
   * @param known costs known before any warm-up, asked once per size
   * @param disk where measured tables are kept for the next start
   * @param tools where the worker gets its own tool; null warms up on the calling stream thread,
   *     with the caller's tool (tests that must not depend on a second thread's timing)
   */
  public WarmUpCache(StartingCosts known, CostCache disk, Supplier<T> tools) {
    this(known, disk, tools, WarmUpLimits.DEFAULTS, java.time.Clock.systemUTC());
  }

  /** @param limits how many new sizes are warmed up, and how often */
  public WarmUpCache(StartingCosts known, CostCache disk, Supplier<T> tools, WarmUpLimits limits, java.time.Clock clock) {
    this(known, disk, tools, limits, clock, CpuMeter.process(Runtime.getRuntime().availableProcessors()));
  }

  /** @param cpu tells a warm-up that got the CPU it could use from one that did not */
  public WarmUpCache(StartingCosts known, CostCache disk, Supplier<T> tools, WarmUpLimits limits, java.time.Clock clock,
      CpuMeter cpu) {
    this.cpu = cpu;
    this.limits = limits;
    this.clock = clock;
    this.known = known;
    this.disk = disk;
    this.tools = tools;
    this.worker = tools == null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "resolute-warm-up");
      t.setDaemon(true);
      return t;
    });
  }

  /** Costs known from the cache on disk, measured tables kept there. */
  public WarmUpCache(CostCache disk, Supplier<T> tools) {
    this(disk, disk, tools);
  }

  /** Memory only, warming up on the stream thread. */
  public WarmUpCache() {
    this(CostCache.none(), null);
  }

  /**
   * The cost table of this size, or null while nothing knows it; once no more sizes may be warmed
   * up, the nearest known size's table scaled by pixels (the camera's own chunks then correct it).
   */
  public double[] get(int width, int height) {
    double[] ms = bySize.computeIfAbsent(key(width, height), size -> fromKnown(size, width, height));
    if (ms != null) {
      return ms.clone();
    }
    return full() ? nearest(width, height) : null;
  }

  private double[] fromKnown(String size, int width, int height) {
    double[] ms = known.costsFor(width, height);
    // the disk's contended table, unless a source before it (a stored profile) knew the size
    if (ms != null && disk.contended(width, height) && Arrays.equals(ms, disk.costsFor(width, height))) {
      contended.add(size);
    }
    return ms;
  }

  /** Whether this size's table was measured under contention and nothing clean has replaced it yet. */
  public boolean contended(int width, int height) {
    get(width, height);
    return contended.contains(key(width, height));
  }

  private synchronized boolean full() {
    return requested.size() >= limits.maxSizes();
  }

  private double[] nearest(int width, int height) {
    double pixels = (double) width * height;
    String best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (String size : bySize.keySet()) {
      double distance = Math.abs(Math.log(pixels / pixelsOf(size)));
      if (distance < bestDistance) {
        best = size;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return null;
    }
    double ratio = pixels / pixelsOf(best);
    return Arrays.stream(bySize.get(best)).map(v -> v * ratio).toArray();
  }

  private static double pixelsOf(String size) {
    int x = size.indexOf('x');
    return Double.parseDouble(size.substring(0, x)) * Double.parseDouble(size.substring(x + 1));
  }

  /** Quality per level for this size from the starting costs (a stored profile), or null. */
  public double[] quality(int width, int height) {
    return known.qualityFor(width, height);
  }

  /**
   * Measures this size once with {@code measure}: in the background when there is a worker (the
   * table appears in {@link #get} when done), else now with {@code caller}'s tool.
   */
  public void request(int width, int height, Function<T, double[]> measure, T caller) {
    String size = key(width, height);
    // a contended table serves the cameras meanwhile, but is measured again (once a process)
    if (get(width, height) != null && !contended.contains(size) || !admit(size)) {
      return;
    }
    if (worker == null) {
      measure(size, measure, caller);
      return;
    }
    worker.execute(() -> {
      try {
        if (own == null) {
          own = tools.get();
        }
        measure(size, measure, own);
      } catch (RuntimeException e) {
        // the cameras of this size stay on what their own chunks measured; a restart tries again
        log.warn("warm-up of {} failed: {}", size, e.toString(), e);
      }
    });
  }

  /** Whether this size may be warmed up now; counts it if so. */
  private synchronized boolean admit(String size) {
    if (requested.contains(size)) {
      return false;
    }
    if (requested.size() >= limits.maxSizes()) {
      if (!reportedFull) {
        reportedFull = true;
        log.warn("{} frame sizes warmed up, the most {} allows: cameras of other sizes (first {}) start from the nearest "
            + "measured size", requested.size(), ControlConfig.WARM_UP_MAX_SIZES, size);
      }
      return false;
    }
    long now = clock.millis();
    if (lastWarmUpMs != Long.MIN_VALUE && now - lastWarmUpMs < limits.interval().toMillis()) {
      log.debug("no warm-up of {} yet: the last new size was warmed up {} ms ago", size, now - lastWarmUpMs);
      return false;
    }
    lastWarmUpMs = now;
    requested.add(size);
    return true;
  }

  private void measure(String size, Function<T, double[]> measure, T tool) {
    long start = System.nanoTime();
    CpuMeter.Window window = cpu.start();
    double[] ms = measure.apply(tool);
    double share = window.share();
    boolean busy = CpuMeter.contended(share);
    String cpuNote = Double.isNaN(share) ? "CPU time unknown" : "CPU share " + Math.round(share * 100) + "%";
    if (busy && bySize.containsKey(size) && !contended.contains(size)) {
      // the cameras' own timings landed a clean table while this one ran: keep it
      log.info("warm-up of {} ran under contention ({}): keeping the clean table", size, cpuNote);
      return;
    }
    bySize.put(size, ms);
    if (busy) {
      contended.add(size);
    } else {
      contended.remove(size);
    }
    disk.store(size, ms, busy);
    log.info("warm-up of {} took {} ms ({}{}): ms/frame per level {}", size, (System.nanoTime() - start) / 1_000_000, cpuNote,
        busy ? ", under contention: used until a clean measurement replaces it" : "", rounded(ms));
  }

  private static String rounded(double[] ms) {
    return Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v * 10) / 10.0).toArray());
  }

  /** Least time between two write-backs of one size's table from its cameras' timings. */
  public static final java.time.Duration REFRESH_INTERVAL = java.time.Duration.ofMinutes(1);
  /** Timed batches a level needs on a camera before its figure replaces the table's. */
  public static final int REFRESH_SAMPLES = 20;

  /**
   * A camera's own timings replace its size's table for every level it timed often enough; the
   * other levels keep the table's shape at the camera's scale (the table times the mean ratio of its
   * timings to the table's figures), as {@link LevelStats} assumes for untimed levels: a camera
   * held at its lowest level under load (small batches, a busy machine) timed that level alone, and
   * writing it beside the table's figures for the others made the lowest level look dearer than the
   * one above it. Only a size that has a table is refreshed (no new sizes, so the warm-up limits on
   * sizes and files hold), at most once per {@link #REFRESH_INTERVAL}. The result is clean: it is
   * what this process pays, whatever else runs beside it.
   */
  public void refresh(int width, int height, LevelStats stats) {
    String size = key(width, height);
    long now = clock.millis();
    Long last = lastRefreshMs.get(size);
    if (last != null && now - last < REFRESH_INTERVAL.toMillis()) {
      return;
    }
    double[] table = bySize.get(size);
    if (table == null || table.length != stats.levels()) {
      return;
    }
    double logRatios = 0;
    int timed = 0;
    for (int l = 0; l < table.length; l++) {
      if (wellTimed(stats, l) && table[l] > 0) {
        logRatios += Math.log(stats.serviceMs(l) / table[l]);
        timed++;
      }
    }
    if (timed == 0 || lastRefreshMs.merge(size, now, (was, is) -> is - was < REFRESH_INTERVAL.toMillis() ? was : is) != now) {
      return; // nothing timed enough yet, or another camera of this size just wrote it
    }
    double scale = Math.exp(logRatios / timed); // geometric: a ratio of 2 and one of 1/2 cancel
    double[] ms = new double[table.length];
    for (int l = 0; l < ms.length; l++) {
      ms[l] = wellTimed(stats, l) ? stats.serviceMs(l) : table[l] * scale;
    }
    bySize.put(size, ms);
    contended.remove(size);
    log.info("costs of {} refreshed from a camera's timings: ms/frame per level {}", size, rounded(ms));
    if (worker == null) {
      disk.store(size, ms, false);
    } else {
      try {
        worker.execute(() -> disk.store(size, ms, false)); // a file write stays off the stream thread
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.debug("closing: the refreshed costs of {} are not kept", size);
      }
    }
  }

  private static boolean wellTimed(LevelStats stats, int level) {
    return stats.serviceSamples(level) >= REFRESH_SAMPLES && stats.serviceMs(level) > 0;
  }

  /** Waits until the warm-ups requested so far are done; true if they finished in time (for tests). */
  public boolean awaitWarmUps(long timeoutMs) throws InterruptedException {
    if (worker == null) {
      return true;
    }
    try {
      worker.submit(() -> { }).get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private static String key(int width, int height) {
    return width + "x" + height;
  }

  /** Waits for a running warm-up (it holds the model's native session) and frees the worker's tool. */
  @Override
  public void close() {
    if (worker == null) {
      return;
    }
    worker.shutdownNow(); // queued warm-ups are dropped; interrupting does not stop a native run
    try {
      if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("the warm-up did not finish within 60 s");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (own != null) {
      try {
        own.close();
      } catch (Exception e) {
        log.warn("closing the warm-up's tool failed: {}", e.toString());
      }
    }
  }
}
