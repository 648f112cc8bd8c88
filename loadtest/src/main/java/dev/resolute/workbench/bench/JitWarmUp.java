package dev.resolute.workbench.bench;

/**
 * Runs a Java step until C2 has compiled it, before it is timed: at least a dozen passes and a
 * second. The processor runs its steps compiled once it has been up a while; timed after a couple
 * of passes they ran partly interpreted, at several times that cost, and later still on a busy
 * machine, where the compiler threads wait for a core.
 */
final class JitWarmUp {
  private static final int PASSES = 12;
  private static final long NANOS = 1_000_000_000L;

  /** One pass of the step; what it throws ends the warm-up. */
  @FunctionalInterface
  interface Pass<E extends Exception> {
    void run() throws E;
  }

  private JitWarmUp() {}

  static <E extends Exception> void run(Pass<E> pass) throws E {
    long until = System.nanoTime() + NANOS;
    for (int done = 0; done < PASSES || System.nanoTime() < until; done++) {
      pass.run();
    }
  }
}
