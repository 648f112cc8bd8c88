package dev.resolute.inference;

import dev.resolute.decode.Picture;
import dev.resolute.decode.PictureScaler;
import dev.resolute.model.ModelDescriptor;

/**
 * Builds the model's input from decoded pictures: FFmpeg's scaler converts each one from the
 * decoder's pixel format straight to the inference size and to one plane per channel in the model's
 * order (area filter when shrinking, see {@link PictureScaler}), then each plane is normalised into
 * the batch in one contiguous pass. At the source size the pixels are exactly those the reference
 * path converted before its Java resize.
 * Not thread-safe: one per processing thread, closed by its owner.
 */
public final class PictureInput implements AutoCloseable {
  private final FramePreparer preparer;
  private final String channelOrder;
  private final PictureScaler scaler = new PictureScaler();
  private byte[] planes = new byte[0];

  public PictureInput(ModelDescriptor descriptor) {
    this.preparer = new FramePreparer(descriptor);
    this.channelOrder = descriptor.colourOrder();
  }

  /**
   * Writes one picture into {@code batch} at position {@code index}.
   *
   * @param batch NCHW float32 with room for {@code index + 1} images of {@code 3 x height x width}
   */
  public void prepare(Picture picture, float[] batch, int index, int width, int height) {
    if (planes.length != 3 * width * height) {
      planes = new byte[3 * width * height];
    }
    scaler.planesInto(picture, width, height, channelOrder, planes);
    preparer.normalisePlanes(planes, batch, index, width, height);
  }

  @Override
  public void close() {
    scaler.close();
  }
}
