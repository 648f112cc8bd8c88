package dev.resolute.inference;

import dev.resolute.decode.Picture;
import dev.resolute.decode.PictureScaler;
import dev.resolute.model.ModelDescriptor;

/**
 * Builds the model's input from decoded pictures: FFmpeg's scaler converts each one from the
 * decoder's pixel format straight to the inference size (area filter when shrinking, see {@link
 * PictureScaler}), then it is normalised into the batch in the model's channel order. At the
 * source size this is exactly the conversion the reference path made before its Java resize.
 * Not thread-safe: one per processing thread, closed by its owner.
 */
public final class PictureInput implements AutoCloseable {
  private final FramePreparer preparer;
  private final PictureScaler scaler = new PictureScaler();
  private byte[] bgr = new byte[0];

  public PictureInput(ModelDescriptor descriptor) {
    this.preparer = new FramePreparer(descriptor);
  }

  /**
   * Writes one picture into {@code batch} at position {@code index}.
   *
   * @param batch NCHW float32 with room for {@code index + 1} images of {@code 3 x height x width}
   */
  public void prepare(Picture picture, float[] batch, int index, int width, int height) {
    if (bgr.length != 3 * width * height) {
      bgr = new byte[3 * width * height];
    }
    scaler.bgrInto(picture, width, height, bgr);
    preparer.normalise(bgr, batch, index, width, height);
  }

  @Override
  public void close() {
    scaler.close();
  }
}
