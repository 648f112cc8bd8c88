package dev.resolute.testkit.footage.corpus;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The top-level boxes of an MP4 in file order: where moov sits decides whether a reader must seek. */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  public static List<String> topLevel(Path file) throws IOException {
    List<String> boxes = new ArrayList<>();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long at = 0;
      long length = raf.length();
      byte[] type = new byte[4];
      while (at + 8 <= length) {
        raf.seek(at);
        long size = Integer.toUnsignedLong(raf.readInt());
        raf.readFully(type);
        if (size == 1) { // 64-bit size follows the type
          size = raf.readLong();
        } else if (size == 0) { // runs to the end of the file
          size = length - at;
        }
        if (size < 8) {
          throw new IOException("box of " + size + " bytes at " + at + " in " + file);
        }
        boxes.add(new String(type, StandardCharsets.US_ASCII));
        at += size;
      }
    }
    return boxes;
  }
}
