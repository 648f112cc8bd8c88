package dev.resolute.control;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether a warm-up got the CPU it could use. A warm-up times every level on a busy machine as
 * slower than it is (720x404 measured 29.5, 21.8, 16.6, 3.6 ms a frame while other processes took
 * the cores), and every later process and camera of that size started from those figures.
 *
 * <p>The signal is the process's CPU time over the warm-up's window against its wall time times
 * the cores the warm-up could keep busy: the process as a whole, because ONNX Runtime runs
 * inference on its own native threads, which no JVM thread's CPU time includes. A window in which
 * the process got less than {@link #CONTENDED_SHARE} of that is contended. Other busy threads of
 * the same process only add CPU time, so they can hide contention but never invent it; a warm-up
 * that cannot keep its cores busy on its own reads as contended, which costs a second warm-up and
 * is corrected by the camera's own timings anyway.
 */
public final class CpuMeter {
  /** Less than half the CPU the window offered: the figures are off by about as much as they are worth. */
  public static final double CONTENDED_SHARE = 0.5;

  private final LongSupplier processCpuNanos;
  private final LongSupplier wallNanos;
  private final int parallelism;

  /**
   * @param processCpuNanos the process's CPU time so far, negative where the platform does not say
   * @param parallelism cores the measured work can keep busy at once
   */
  public CpuMeter(LongSupplier processCpuNanos, LongSupplier wallNanos, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.processCpuNanos = processCpuNanos;
    this.wallNanos = wallNanos;
    this.parallelism = parallelism;
  }

  /** This process, its work able to keep {@code parallelism} cores (at most the machine's) busy. */
  public static CpuMeter process(int parallelism) {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    LongSupplier cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun::getProcessCpuTime : () -> -1;
    int cores = Runtime.getRuntime().availableProcessors();
    return new CpuMeter(cpu, System::nanoTime, Math.max(1, Math.min(cores, parallelism)));
  }

  public Window start() {
    return new Window(processCpuNanos.getAsLong(), wallNanos.getAsLong());
  }

  /** Where a measurement began. */
  public final class Window {
    private final long cpu;
    private final long wall;

    private Window(long cpu, long wall) {
      this.cpu = cpu;
      this.wall = wall;
    }

    /** The process's CPU time since the start over what the window offered; NaN when unknown. */
    public double share() {
      long cpuNow = processCpuNanos.getAsLong();
      long wallNow = wallNanos.getAsLong();
      if (cpu < 0 || cpuNow < 0 || wallNow <= wall) {
        return Double.NaN;
      }
      return (double) (cpuNow - cpu) / ((double) (wallNow - wall) * parallelism);
    }
  }

  /** Unknown is not contended: without a CPU clock a warm-up is taken as it was before this check. */
  public static boolean contended(double share) {
    return share < CONTENDED_SHARE;
  }
}
