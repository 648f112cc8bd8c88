package dev.resolute.workbench.chaos;

import dev.resolute.testkit.process.ProcessorProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

/**
 * A SIGTERM of the processor while the broker is down, as a supervisor's stop during a broker
 * outage: it must exit within {@link #EXIT_WITHIN}, with 0 or SIGTERM's 143, and without dying in
 * native code (once it died of SIGBUS inside ONNX Runtime, the model closed under a stream thread
 * still inferring). {@code exitCode} is -1 when it had to be killed.
 */
public record SigtermCheck(boolean done, long pid, int exitCode, double exitSeconds, String fatalLine, String crashReport,
    String verdict) {
  public static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
  /** 143 = 128 + SIGTERM: the JVM's own status when the signal, not the program, ended it. */
  private static final Set<Integer> CLEAN_CODES = Set.of(0, 143);

  /** Not done: no broker to take down (a given cluster), no broker restart asked for, or not selected. */
  public static SigtermCheck notDone(String why) {
    return new SigtermCheck(false, -1, -1, -1, null, null, "not run: " + why);
  }

  /** SIGTERMs {@code processor} and waits for it; kills it when it outlives the bound. */
  public static SigtermCheck of(ProcessorProcess processor) throws InterruptedException {
    if (!processor.isAlive()) {
      return notDone("the processor had exited by itself (exit code " + processor.exitCode() + ") before the SIGTERM");
    }
    long start = System.nanoTime();
    int code = processor.stop(EXIT_WITHIN);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code < 0) {
      processor.kill();
    }
    String report = Files.exists(processor.crashReport()) ? processor.crashReport().toString() : null;
    String verdict;
    if (code < 0) {
      verdict = "FAILED: still running " + EXIT_WITHIN.toSeconds() + " s after SIGTERM; killed";
    } else if (processor.fatalLine() != null || report != null) {
      verdict = "FAILED: died in native code: " + (processor.fatalLine() != null ? processor.fatalLine() : report);
    } else if (!CLEAN_CODES.contains(code)) {
      verdict = "FAILED: exit code " + code + " after SIGTERM (0 or 143 expected)";
    } else {
      verdict = String.format("passed: exit code %d %.1f s after SIGTERM, no native crash", code, seconds);
    }
    return new SigtermCheck(true, processor.pid(), code, Math.round(seconds * 10) / 10.0, processor.fatalLine(), report, verdict);
  }

  public boolean passed() {
    return !done || verdict.startsWith("passed");
  }
}
