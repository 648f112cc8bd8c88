package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import dev.resolute.schemas.VideoChunk;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The reference the decoder is held to: a chunk decoded the way it was before pictures stayed in
 * the decoder's format, by FFmpeg's grabber converting every frame to full-size BGR.
 */
public final class ReferenceBgrDecode {
  private ReferenceBgrDecode() {}

  /** Packed BGR24 of every frame of the chunk, in order. */
  public static List<byte[]> frames(VideoChunk chunk) throws Exception {
    ByteBuffer payload = chunk.getPayload().duplicate();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    List<byte[]> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), 0)) {
      grabber.setFormat(chunk.getContainer());
      grabber.setPixelFormat(AV_PIX_FMT_BGR24);
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        int rowBytes = chunk.getWidth() * 3;
        byte[] bgr = new byte[rowBytes * chunk.getHeight()];
        ByteBuffer image = ((ByteBuffer) frame.image[0]).duplicate();
        for (int y = 0; y < chunk.getHeight(); y++) {
          image.position(y * frame.imageStride);
          image.get(bgr, y * rowBytes, rowBytes);
        }
        frames.add(bgr);
      }
      grabber.stop();
    }
    return frames;
  }
}
