package dev.resolute.inference;

import dev.resolute.model.ModelDescriptor;

/**
 * Resizes a BGR frame to the inference size and normalises it into the model's input tensor in one
 * pass over primitive arrays: bilinear, with the same half-pixel (align_corners=false) mapping the
 * upsampler uses on the way back.
 */
public final class FramePreparer {
  private final float[] scale = new float[3];
  private final float[] offset = new float[3];
  /** For each model input channel, which byte of a BGR pixel feeds it. */
  private final int[] sourceChannel;
  /**
   * Every byte's normalised value per channel, with the arithmetic {@link #prepare} applies to
   * interpolated values: a lookup is a third faster than converting and scaling each byte (C2 does
   * not vectorise either).
   */
  private final float[][] normalised = new float[3][256];

  public FramePreparer(ModelDescriptor descriptor) {
    sourceChannel = "RGB".equals(descriptor.colourOrder()) ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
    for (int c = 0; c < 3; c++) {
      scale[c] = descriptor.scale().get(c);
      offset[c] = descriptor.offset().get(c);
      for (int v = 0; v < 256; v++) {
        normalised[c][v] = v * scale[c] + offset[c];
      }
    }
  }

  /**
   * Writes one frame into {@code batch} at position {@code index}.
   *
   * @param bgr packed BGR24 of {@code srcWidth x srcHeight}
   * @param batch NCHW float32 with room for {@code index + 1} images of {@code 3 x dstHeight x dstWidth}
   */
  public void prepare(byte[] bgr, int srcWidth, int srcHeight, float[] batch, int index, int dstWidth, int dstHeight) {
    if (srcWidth == dstWidth && srcHeight == dstHeight) {
      normalise(bgr, batch, index, dstWidth, dstHeight);
      return;
    }
    resize(bgr, srcWidth, srcHeight, batch, index, dstWidth, dstHeight);
  }

  /** The bilinear path of {@link #prepare}, for any sizes: the shortcut at equal sizes must give exactly what this gives. */
  void resize(byte[] bgr, int srcWidth, int srcHeight, float[] batch, int index, int dstWidth, int dstHeight) {
    Bilinear xs = Bilinear.axis(srcWidth, dstWidth);
    Bilinear ys = Bilinear.axis(srcHeight, dstHeight);
    int plane = dstWidth * dstHeight;
    int base = index * 3 * plane;
    for (int y = 0; y < dstHeight; y++) {
      int row0 = ys.low[y] * srcWidth;
      int row1 = ys.high[y] * srcWidth;
      float wy = ys.weight[y];
      for (int x = 0; x < dstWidth; x++) {
        int p00 = (row0 + xs.low[x]) * 3;
        int p01 = (row0 + xs.high[x]) * 3;
        int p10 = (row1 + xs.low[x]) * 3;
        int p11 = (row1 + xs.high[x]) * 3;
        float wx = xs.weight[x];
        int out = base + y * dstWidth + x;
        for (int c = 0; c < 3; c++) {
          int s = sourceChannel[c];
          float top = (bgr[p00 + s] & 0xff) + wx * ((bgr[p01 + s] & 0xff) - (bgr[p00 + s] & 0xff));
          float bottom = (bgr[p10 + s] & 0xff) + wx * ((bgr[p11 + s] & 0xff) - (bgr[p10 + s] & 0xff));
          batch[out + c * plane] = (top + wy * (bottom - top)) * scale[c] + offset[c];
        }
      }
    }
  }

  /**
   * Normalises three planes already at the inference size and in the model's channel order (as
   * {@link dev.resolute.decode.PictureScaler#planesInto} writes them) into {@code batch} at position
   * {@code index}: the same arithmetic as {@link #normalise}, one contiguous pass per channel.
   */
  public void normalisePlanes(byte[] planes, float[] batch, int index, int width, int height) {
    int plane = width * height;
    int base = index * 3 * plane;
    for (int c = 0; c < 3; c++) {
      float[] values = normalised[c];
      int in = c * plane;
      int out = base + c * plane;
      for (int i = 0; i < plane; i++) {
        batch[out + i] = values[planes[in + i] & 0xff];
      }
    }
  }

  /**
   * Normalises a frame already at the inference size into {@code batch} at position {@code index}
   * (at the same size, bilinear weights would all be 0: the taps are skipped).
   */
  public void normalise(byte[] bgr, float[] batch, int index, int width, int height) {
    int plane = width * height;
    int base = index * 3 * plane;
    for (int c = 0; c < 3; c++) {
      int s = sourceChannel[c];
      float[] values = normalised[c];
      int out = base + c * plane;
      for (int i = 0; i < plane; i++) {
        batch[out + i] = values[bgr[3 * i + s] & 0xff];
      }
    }
  }
}
