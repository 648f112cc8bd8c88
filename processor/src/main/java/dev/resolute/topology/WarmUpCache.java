package dev.resolute.topology;

import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.pipeline.DecodedChunk;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost of every level by camera resolution, shared by every task of an instance. Known sizes come
 * from the {@link CostCache} on disk; an unknown size is warmed up by one background worker per
 * instance while the stream threads go on processing (a warm-up of a large model takes seconds,
 * and on a stream thread every partition of that thread waited for it).
 *
 * <p>The worker owns its own {@link ChunkSegmenter}, so its own DJL predictor: ONNX Runtime's
 * session is shared (its run() is thread-safe), predictors and their buffers are not.
 */
public final class WarmUpCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WarmUpCache.class);

  private final Map<String, double[]> bySize = new ConcurrentHashMap<>();
  private final Set<String> requested = ConcurrentHashMap.newKeySet();
  private final CostCache disk;
  private final dev.resolute.profile.StartingCosts profile;
  private final Supplier<ChunkSegmenter> segmenters;
  private final ExecutorService worker;
  private ChunkSegmenter own; // only touched on the worker thread

  /**
   * @param segmenters where the worker gets its segmenter; null warms up on the calling stream
   *     thread, with the caller's segmenter (tests that must not depend on a second thread's timing)
   */
  public WarmUpCache(CostCache disk, Supplier<ChunkSegmenter> segmenters) {
    this(disk, segmenters, dev.resolute.profile.StartingCosts.none());
  }

  /** @param profile what {@code resolute profile} measured: its source size needs no warm-up */
  public WarmUpCache(CostCache disk, Supplier<ChunkSegmenter> segmenters, dev.resolute.profile.StartingCosts profile) {
    this.disk = disk;
    this.profile = profile;
    this.segmenters = segmenters;
    this.bySize.putAll(disk.loaded());
    this.worker = segmenters == null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "resolute-warm-up");
      t.setDaemon(true);
      return t;
    });
  }

  /** Memory only, warming up on the stream thread. */
  public WarmUpCache() {
    this(CostCache.none(), null);
  }

  /** The cost table of this size (a profile's first), or null while no warm-up has measured it. */
  double[] get(int width, int height) {
    double[] profiled = profile.msPerFrame(width, height);
    if (profiled != null) {
      return profiled;
    }
    double[] ms = bySize.get(key(width, height));
    return ms == null ? null : ms.clone();
  }

  /** The profile's quality per level for this size, or null. */
  double[] quality(int width, int height) {
    return profile.quality(width, height);
  }

  /**
   * Measures this size once: in the background when there is a worker (the table appears in
   * {@link #get} when done), else now on {@code caller}.
   */
  void request(int width, int height, DecodedChunk decoded, ChunkSegmenter caller) {
    String size = key(width, height);
    if (bySize.containsKey(size) || !requested.add(size)) {
      return;
    }
    // the first frame is all a warm-up reads: the rest of the chunk is not kept alive for it
    DecodedChunk sample = new DecodedChunk(java.util.List.of(decoded.frames().get(0)), decoded.decodeMsPerFrame());
    if (worker == null) {
      measure(size, sample, caller);
      return;
    }
    worker.execute(() -> {
      try {
        if (own == null) {
          own = segmenters.get();
        }
        measure(size, sample, own);
      } catch (RuntimeException e) {
        // the cameras of this size stay on what their own chunks measured; a restart tries again
        log.warn("warm-up of {} failed: {}", size, e.toString(), e);
      }
    });
  }

  private void measure(String size, DecodedChunk sample, ChunkSegmenter segmenter) {
    long start = System.nanoTime();
    double[] ms = segmenter.warmUp(sample);
    bySize.put(size, ms);
    disk.store(size, ms);
    log.info("warm-up of {} took {} ms: ms/frame per level {}", size, (System.nanoTime() - start) / 1_000_000,
        Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v * 10) / 10.0).toArray()));
  }

  /** Waits until the warm-ups requested so far are done; true if they finished in time (for tests). */
  boolean awaitWarmUps(long timeoutMs) throws InterruptedException {
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

  /** Waits for a running warm-up (it holds the model's native session) and frees the worker's segmenter. */
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
      own.close();
    }
  }
}
