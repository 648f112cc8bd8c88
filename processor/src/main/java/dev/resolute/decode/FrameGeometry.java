package dev.resolute.decode;

import dev.resolute.schemas.VideoChunk;

/**
 * The size a chunk's pictures must decode to: the source's own, or the larger coded size an
 * encoder padded it to (the decoder then crops back to the source's). Any other size is a chunk
 * that does not match its header.
 */
record FrameGeometry(int width, int height, int codedWidth, int codedHeight) {
  /** Larger than any camera or archive sends; a header beyond it is damaged or forged. */
  static final int MAX_SIDE = 16_384;

  static FrameGeometry of(VideoChunk chunk) throws ChunkDecodeException {
    int width = chunk.getWidth();
    int height = chunk.getHeight();
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new ChunkDecodeException("chunk declares frames of " + width + "x" + height, null);
    }
    int codedWidth = chunk.getCodedWidth() == 0 ? width : chunk.getCodedWidth();
    int codedHeight = chunk.getCodedHeight() == 0 ? height : chunk.getCodedHeight();
    if (codedWidth < width || codedHeight < height || codedWidth > MAX_SIDE || codedHeight > MAX_SIDE) {
      throw new ChunkDecodeException("chunk declares a coded size of " + codedWidth + "x" + codedHeight
          + " for frames of " + width + "x" + height, null);
    }
    return new FrameGeometry(width, height, codedWidth, codedHeight);
  }

  void check(int decodedWidth, int decodedHeight) throws ChunkDecodeException {
    if (decodedWidth != codedWidth || decodedHeight != codedHeight) {
      String declared = codedWidth == width && codedHeight == height
          ? width + "x" + height : width + "x" + height + " coded as " + codedWidth + "x" + codedHeight;
      throw new ChunkDecodeException("frame of " + decodedWidth + "x" + decodedHeight + " in a chunk declared " + declared, null);
    }
  }
}
