package dev.resolute.model.isnet;

import dev.resolute.model.ModelLoadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks an npm package tarball ({@code .tgz}, everything under {@code package/}). */
final class PackageArchive {
  private PackageArchive() {}

  /**
   * Extracts the regular files of {@code tgz} into {@code dir} and returns how many there were.
   * Links and special files are skipped, and no entry may land outside {@code dir}.
   */
  static int extract(Path tgz, Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    int files = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile()) {
          continue;
        }
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new ModelLoadException(tgz + ": entry '" + entry.getName() + "' points outside the package", null);
        }
        Files.createDirectories(target.getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        files++;
      }
    } catch (IOException e) {
      throw new ModelLoadException(tgz + " is not a readable npm package (.tgz): " + e.getMessage(), e);
    }
    return files;
  }
}
