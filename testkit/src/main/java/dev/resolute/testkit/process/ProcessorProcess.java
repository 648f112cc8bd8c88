package dev.resolute.testkit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code resolute run} in a child JVM on this JVM's classpath, so that a test or {@code resolute
 * chaos} can SIGKILL it the way an out-of-memory killer or a node failure would: no shutdown hook,
 * no close, an open transaction left behind.
 */
public final class ProcessorProcess implements AutoCloseable {
  private static final String RUNNING_LINE = "processing; Ctrl-C to stop";
  /** What a JVM prints when it dies of a signal in native code, such as SIGBUS inside ONNX Runtime. */
  private static final List<String> FATAL_LINES = List.of("SIGBUS", "SIGSEGV", "A fatal error has been detected");

  private final Process process;
  private final long startedNanos = System.nanoTime();
  private final CountDownLatch running = new CountDownLatch(1);
  private final Path errorFileDir;
  private volatile String fatalLine;
  private final Thread pump;

  private ProcessorProcess(Process process, Path logFile) {
    this.process = process;
    this.errorFileDir = errorFileDir(logFile);
    pump = new Thread(() -> copyOutput(logFile), "resolute-child-output");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code resolute run} with {@code runArgs}; models are written under {@code cacheDir}.
   * Without a metrics port: several of these run at once, and the fixed default would clash with
   * them and with any processor already on the machine.
   */
  public static ProcessorProcess start(List<String> runArgs, Path cacheDir, Path logFile) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-Djava.awt.headless=true",
        // beside the log rather than in whatever directory chaos was started from, where nobody would look
        "-XX:ErrorFile=" + errorFileDir(logFile).resolve("hs_err_pid%p.log"), "-cp", System.getProperty("java.class.path"), "dev.resolute.cli.ResoluteCli", "run",
        "--no-metrics"));
    command.addAll(runArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("RESOLUTE_CACHE", cacheDir.toString());
    try {
      return new ProcessorProcess(builder.start(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for the processor", e);
    }
  }

  private static Path errorFileDir(Path logFile) {
    return logFile.toAbsolutePath().getParent();
  }

  /** The crash report the JVM writes when it dies in native code; present only after such a death. */
  public Path crashReport() {
    return errorFileDir.resolve("hs_err_pid" + process.pid() + ".log");
  }

  /** The first line of its output that tells of a native crash, or null. */
  public String fatalLine() {
    return fatalLine;
  }

  /** Its exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** When this process was started, on the {@link System#nanoTime()} clock. */
  public long startedNanos() {
    return startedNanos;
  }

  /** Waits until the processor says it is processing; false if it did not within {@code timeout}. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public long pid() {
    return process.pid();
  }

  /** Resident memory of the child process, in MiB; NaN once it is gone. */
  public double rssMb() {
    return ProcessRss.mb(process.pid());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as a supervisor's clean stop; the exit code, or -1 if it did not exit in time. */
  public int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    pump.join(5000); // its last lines, a native crash's among them, are still in the pipe
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void copyOutput(Path logFile) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.contains(RUNNING_LINE)) {
          running.countDown();
        }
        if (fatalLine == null && FATAL_LINES.stream().anyMatch(line::contains)) {
          fatalLine = line;
        }
        log.write(line);
        log.write('\n');
        log.flush();
      }
    } catch (IOException endOfProcess) {
      // the process is gone: nothing more to copy
    }
  }
}
