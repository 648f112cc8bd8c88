package dev.resolute.decode;

/**
 * One decoded picture as packed BGR24 (row-major, no padding), owned by the JVM heap so that no
 * native buffer outlives the decoder that filled it.
 *
 * @param damaged FFmpeg concealed decoding errors in it
 */
public record DecodedFrame(long frameIndex, long ptsMicros, int width, int height, byte[] bgr, boolean damaged) {
  public DecodedFrame {
    if (bgr.length != width * height * 3) {
      throw new IllegalArgumentException("BGR buffer of " + bgr.length + " bytes for " + width + "x" + height);
    }
  }
}
