package dev.resolute.testkit.footage.corpus;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Random;

/** Damages a written clip the two ways files arrive damaged: cut short, or overwritten in place. */
final class FileDamage {
  private FileDamage() {}

  /** Keeps the first {@code fraction} of the bytes; returns the range that is gone. */
  static ByteRange truncate(Path file, double fraction) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long original = raf.length();
      long cut = (long) (original * fraction);
      raf.setLength(cut);
      return new ByteRange(cut, original);
    }
  }

  /**
   * Overwrites a twelfth of the file, centred in it (so inside the middle third, away from any
   * header), with seeded random bytes; returns the range overwritten.
   */
  static ByteRange corruptMiddle(Path file, long seed) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long size = raf.length();
      int length = (int) (size / 12);
      long start = size / 2 - length / 2;
      byte[] garbage = new byte[length];
      new Random(seed).nextBytes(garbage);
      raf.seek(start);
      raf.write(garbage);
      return new ByteRange(start, start + length);
    }
  }
}
