package dev.resolute.testkit.footage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A video file whose container is sound and whose pictures are not: ingest reads it, cuts it and
 * publishes it like any other, and the processor cannot decode a single frame. It stands for a
 * camera recording damaged on disk, to show (and test) what a run reports when it can segment
 * nothing.
 */
public final class CorruptFootage {
  private static final int MARKER = 0xff;
  private static final int START_OF_IMAGE = 0xd8;
  private static final int END_OF_IMAGE = 0xd9;

  private CorruptFootage() {}

  /**
   * Motion JPEG in Matroska with every JPEG image overwritten in place, end marker excepted: the
   * container keeps its sizes, frame rate and block lengths, so probing and stream copy succeed.
   */
  public static void write(SyntheticScene scene, long frames, Path file) throws Exception {
    FootageWriter.write(scene, frames, FootageWriter.Codec.MJPEG, file);
    byte[] bytes = Files.readAllBytes(file);
    int damaged = 0;
    for (int i = 0; i + 2 < bytes.length; i++) {
      if (at(bytes, i, START_OF_IMAGE) && (bytes[i + 2] & 0xff) == MARKER) {
        int end = i;
        while (end + 1 < bytes.length && !at(bytes, end, END_OF_IMAGE)) {
          end++;
        }
        Arrays.fill(bytes, i, end, (byte) 0x55);
        damaged++;
        i = end;
      }
    }
    if (damaged != frames) {
      throw new IllegalStateException("found " + damaged + " JPEG images in " + file + ", expected " + frames);
    }
    Files.write(file, bytes);
  }

  private static boolean at(byte[] bytes, int i, int marker) {
    return (bytes[i] & 0xff) == MARKER && (bytes[i + 1] & 0xff) == marker;
  }
}
