package dev.resolute.testkit.footage.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of an AVI's movi list, read straight from the RIFF structure. FFmpeg's demuxer never
 * returns empty chunks as packets (it advances the timestamp instead), so this is the only way to
 * see them.
 */
public final class AviChunks {
  /** A chunk such as {@code 00dc} (stream 0, compressed video) or {@code 01wb} (stream 1, audio). */
  public record Chunk(String id, long offset, int size) {}

  private AviChunks() {}

  public static List<Chunk> movi(Path file) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Chunk> chunks = new ArrayList<>();
    walk(data, 0, data.limit(), chunks);
    return chunks;
  }

  private static void walk(ByteBuffer data, int from, int to, List<Chunk> chunks) {
    int at = from;
    while (at + 8 <= to) {
      String id = fourcc(data, at);
      long size = Integer.toUnsignedLong(data.getInt(at + 4));
      int end = (int) Math.min(to, at + 8 + size);
      if ((id.equals("RIFF") || id.equals("LIST")) && at + 12 <= end) {
        if (fourcc(data, at + 8).equals("movi")) {
          readMovi(data, at + 12, end, chunks);
        } else {
          walk(data, at + 12, end, chunks);
        }
      }
      at = (int) Math.min(to, at + 8 + size + (size & 1));
    }
  }

  private static void readMovi(ByteBuffer data, int from, int to, List<Chunk> chunks) {
    int at = from;
    while (at + 8 <= to) {
      String id = fourcc(data, at);
      int size = data.getInt(at + 4);
      if (id.equals("LIST")) { // OpenDML "rec " groups: look inside
        readMovi(data, at + 12, Math.min(to, at + 8 + size), chunks);
      } else {
        chunks.add(new Chunk(id, at, size));
      }
      at += 8 + size + (size & 1);
    }
  }

  private static String fourcc(ByteBuffer data, int at) {
    byte[] id = new byte[4];
    data.get(at, id);
    return new String(id, StandardCharsets.US_ASCII);
  }
}
