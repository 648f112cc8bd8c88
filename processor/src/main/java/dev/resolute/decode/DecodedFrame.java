package dev.resolute.decode;

/**
 * One decoded picture, in the decoder's own pixel format (see {@link Picture}); consumers scale it
 * to the size they need, and only those that show it whole ask for {@link #bgr()}.
 *
 * @param width the source width the chunk declares (any encoder padding is already cropped)
 * @param damaged FFmpeg concealed decoding errors in it
 */
public record DecodedFrame(long frameIndex, long ptsMicros, int width, int height, Picture picture, boolean damaged) {
  public DecodedFrame {
    if (picture.width() != width || picture.height() != height) {
      throw new IllegalArgumentException("picture of " + picture.width() + "x" + picture.height() + " for a frame of "
          + width + "x" + height);
    }
  }

  /** The whole frame as packed BGR24 (row-major, no padding): overlays and viewers. */
  public byte[] bgr() {
    try (PictureScaler scaler = new PictureScaler()) {
      return scaler.bgr(picture, width, height);
    }
  }
}
