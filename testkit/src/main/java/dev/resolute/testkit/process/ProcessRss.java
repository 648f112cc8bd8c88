package dev.resolute.testkit.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of another process from {@code /proc/<pid>/status}: the processor's native
 * memory (FFmpeg frames, ONNX Runtime tensors) does not show in any heap figure it could report.
 */
public final class ProcessRss {
  private ProcessRss() {}

  /** VmRSS in MiB; NaN when the process is gone or there is no /proc (not Linux). */
  public static double mb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // no figure is better than a wrong one
    }
    return Double.NaN;
  }
}
