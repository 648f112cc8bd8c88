package dev.resolute.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measured milliseconds per frame of every level, per (model file hash, device, source size), kept
 * on disk so that a restart or a known camera size needs no warm-up at all. One small text file per
 * entry; a file that cannot be read or written only costs a warm-up, never a failure.
 *
 * <p>A table measured under contention (see {@link CpuMeter}) is kept as {@code <size>.contended.costs}:
 * used to start, measured again at the next start, and replaced by the first clean table. Older
 * versions read that name as a size no camera has, so they ignore it rather than trust it.
 */
public final class CostCache implements StartingCosts {
  private static final Logger log = LoggerFactory.getLogger(CostCache.class);
  private static final String SUFFIX = ".costs";
  private static final String CONTENDED_SUFFIX = ".contended" + SUFFIX;

  private final Path dir;
  private final String prefix;
  private final Map<String, double[]> loaded = new HashMap<>();
  private final java.util.Set<String> contended = new java.util.HashSet<>();

  /**
   * @param dir where the files are; null keeps nothing on disk
   * @param modelKey the model file's hash and the device: the same size costs differently on another
   */
  public CostCache(Path dir, String modelKey) {
    this.dir = dir;
    this.prefix = modelKey.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
    if (dir != null && Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(this::ours).forEach(this::load);
      } catch (IOException e) {
        log.warn("cost cache {} unreadable ({}): warm-ups will measure every size again", dir, e.toString());
      }
    }
  }

  public static CostCache none() {
    return new CostCache(null, "none");
  }

  /** Loaded at start: the warm-up cache asks once per size, so no disk access on a stream thread. */
  Map<String, double[]> loaded() {
    return Map.copyOf(loaded);
  }

  @Override
  public double[] costsFor(int width, int height) {
    double[] ms = loaded.get(width + "x" + height);
    return ms == null ? null : ms.clone();
  }

  /** Whether the table loaded for this size was measured under contention. */
  public boolean contended(int width, int height) {
    return contended.contains(width + "x" + height);
  }

  public void store(String size, double[] ms) {
    store(size, ms, false);
  }

  /** Keeps a table; a clean one replaces the contended one of its size, and the other way round. */
  public void store(String size, double[] ms, boolean underContention) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, prefix, ".tmp");
      Files.writeString(tmp, String.join(" ", Arrays.stream(ms).mapToObj(Double::toString).toList()) + "\n");
      // another instance may write the same entry: whole files only, last one wins
      Path clean = dir.resolve(prefix + size + SUFFIX);
      Path busy = dir.resolve(prefix + size + CONTENDED_SUFFIX);
      Files.move(tmp, underContention ? busy : clean, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // one table a size: the newer one, whichever it is
      Files.deleteIfExists(underContention ? clean : busy);
    } catch (IOException | RuntimeException e) {
      log.warn("cost cache {}: could not keep the costs of {} ({})", dir, size, e.toString());
    }
  }

  private boolean ours(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(prefix) && name.endsWith(SUFFIX);
  }

  private void load(Path file) {
    String name = file.getFileName().toString();
    boolean underContention = name.endsWith(CONTENDED_SUFFIX);
    String size = name.substring(prefix.length(), name.length() - (underContention ? CONTENDED_SUFFIX : SUFFIX).length());
    try {
      double[] ms = Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
      if (!Arrays.stream(ms).allMatch(v -> v > 0)) {
        return;
      }
      if (!underContention) {
        loaded.put(size, ms); // a clean table wins over a contended one left beside it
        contended.remove(size);
      } else if (loaded.putIfAbsent(size, ms) == null) {
        contended.add(size);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("cost cache: ignoring {} ({})", file, e.toString());
    }
  }
}
