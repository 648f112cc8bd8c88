package dev.resolute.pipeline;

import dev.resolute.decode.DecodedFrame;
import java.util.List;

/**
 * A chunk's frames, decoded once: the processor decodes before it lets the controller see the
 * chunk, so that a chunk which does not decode never counts as an arrival.
 *
 * @param decodeMs wall time of the whole decode
 */
public record DecodedChunk(List<DecodedFrame> frames, double decodeMs) {
  public double decodeMsPerFrame() {
    return decodeMs / frames.size();
  }

  public long damagedFrames() {
    return frames.stream().filter(DecodedFrame::damaged).count();
  }
}
