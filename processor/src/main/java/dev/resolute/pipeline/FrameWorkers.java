package dev.resolute.pipeline;

import dev.resolute.config.TuningProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the per-frame work of a batch (scaling and normalising before inference, upsampling and
 * encoding after) on several cores at once. Inference already spreads over every core through the
 * engine's own threads, but the work around it ran on the stream thread alone while the other cores
 * idled; here a batch's frames are split into contiguous groups, one per thread, the calling thread
 * taking the first. One pool for the process: a pool per stream thread would put threads times
 * cores on the cores.
 */
final class FrameWorkers {
  /**
   * Threads a batch's frame work may use, the caller's included; 1 keeps it all on the stream thread.
   * Unset: one per core when inference runs on a GPU, 1 on the CPU (see {@link #forDevice}).
   */
  static final String THREADS_PROPERTY = "resolute.frame.threads";

  /** One frame's work; {@code group} tells which of the batch's groups runs it, for per-group state. */
  @FunctionalInterface
  interface FrameTask {
    void run(int group, int frame);
  }

  private final int threads;
  /** Null when everything runs on the caller. */
  private final ExecutorService pool;

  FrameWorkers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(THREADS_PROPERTY + " must be at least 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger count = new AtomicInteger();
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "resolute-frame-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The process's workers: {@value #THREADS_PROPERTY} threads, by default one per core. */
  static FrameWorkers shared() {
    return Shared.INSTANCE;
  }

  /**
   * The workers for a segmenter on {@code device}. Inference on the CPU already keeps every core
   * busy (ONNX Runtime's threads, shared out among the stream threads): frame work spread over the
   * same cores only competed with it, and one stream on 2 cores ran 12% fewer frames a second at the
   * top level. On a GPU the cores are free while it runs, so the frames spread over all of them.
   * {@value #THREADS_PROPERTY}, when set, applies to every device.
   */
  static FrameWorkers forDevice(String device) {
    return device.startsWith("cpu") && TuningProperties.threads(THREADS_PROPERTY).isEmpty() ? Serial.INSTANCE : shared();
  }

  /** How many groups a batch of {@code frames} is split into. */
  int groups(int frames) {
    return Math.max(1, Math.min(threads, frames));
  }

  /**
   * Runs {@code task} for every frame of {@code 0..frames-1} and returns once all have run, even
   * when interrupted (the groups write into the caller's arrays, which must not be reused while
   * they still do). The first failure is rethrown, the others suppressed into it.
   */
  void forEach(int frames, FrameTask task) {
    int groups = groups(frames);
    if (groups == 1) {
      for (int i = 0; i < frames; i++) {
        task.run(0, i);
      }
      return;
    }
    List<Future<?>> others = new ArrayList<>(groups - 1);
    for (int g = 1; g < groups; g++) {
      int group = g;
      others.add(pool.submit(() -> runGroup(group, groups, frames, task)));
    }
    Throwable failure = null;
    try {
      runGroup(0, groups, frames, task);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> other : others) {
      while (true) {
        try {
          other.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private static void runGroup(int group, int groups, int frames, FrameTask task) {
    int from = (int) ((long) frames * group / groups);
    int to = (int) ((long) frames * (group + 1) / groups);
    for (int i = from; i < to; i++) {
      task.run(group, i);
    }
  }

  static int threadsFromProperty() {
    return TuningProperties.threads(THREADS_PROPERTY).orElse(Runtime.getRuntime().availableProcessors());
  }

  private static final class Shared {
    static final FrameWorkers INSTANCE = new FrameWorkers(threadsFromProperty());
  }

  private static final class Serial {
    static final FrameWorkers INSTANCE = new FrameWorkers(1);
  }
}
