package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes a chunk's container bytes with FFmpeg into BGR frames.
 *
 * <p>Each frame gets the source time and size the chunk declares for it: pictures an encoder padded
 * are cropped back. All or nothing: a chunk that fails to open, decodes to no frames, or to a
 * different number of frames or size than its header says is rejected whole, so the caller can dead-letter the original
 * record instead of publishing masks for a damaged fraction of it.
 */
public final class ChunkDecoder {
  static {
    FfmpegLog.errorsOnly();
  }

  private final long maxDecodedBytes;

  public ChunkDecoder() {
    this(ChunkHeader.DEFAULT_MAX_DECODED_BYTES);
  }

  /** @param maxDecodedBytes the most a chunk's decoded frames may take; a larger chunk is rejected before decoding */
  public ChunkDecoder(long maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  public List<DecodedFrame> decode(VideoChunk chunk) throws ChunkDecodeException {
    FrameGeometry geometry = ChunkHeader.check(chunk, maxDecodedBytes);
    ByteBuffer payload = chunk.getPayload().duplicate();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    List<DecodedFrame> frames = new ArrayList<>();
    // maximumSize 0: read the container front to back, never seek (our chunks carry no index)
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), 0)) {
      grabber.setFormat(chunk.getContainer());
      grabber.setPixelFormat(AV_PIX_FMT_BGR24);
      grabber.start();
      Frame frame;
      long firstTimestamp = Long.MIN_VALUE;
      while ((frame = grabber.grabImage()) != null) {
        geometry.check(frame.imageWidth, frame.imageHeight);
        int i = frames.size();
        if (i == chunk.getFrameCount()) {
          throw new ChunkDecodeException("decoded more frames than the " + chunk.getFrameCount() + " the chunk declares", null);
        }
        if (firstTimestamp == Long.MIN_VALUE) {
          firstTimestamp = grabber.getTimestamp();
        }
        // frames come out in presentation order, the order the chunk lists their source times in; a
        // chunk from before per-frame times has only its container's clock, counted from its first frame
        long pts = chunk.getFramePtsMicros().isEmpty()
            ? chunk.getFirstPtsMicros() + grabber.getTimestamp() - firstTimestamp : ChunkTimeline.ptsMicros(chunk, i);
        frames.add(new DecodedFrame(chunk.getFirstFrameIndex() + i, pts, chunk.getWidth(), chunk.getHeight(),
            packedBgr(frame, chunk.getWidth(), chunk.getHeight()), concealed(frame)));
      }
      grabber.stop();
    } catch (ChunkDecodeException e) {
      throw e;
    } catch (Exception e) {
      throw new ChunkDecodeException("cannot decode " + chunk.getCodec() + " in " + chunk.getContainer() + ": " + FfmpegErrors.describe(e), e);
    }
    if (frames.size() != chunk.getFrameCount()) {
      throw new ChunkDecodeException("decoded " + frames.size() + " of the " + chunk.getFrameCount()
          + " frames the chunk declares", null);
    }
    return frames;
  }

  /**
   * Whether FFmpeg had to conceal errors in the picture (missing or broken slices painted over from
   * neighbours): it still decodes, and looks plausible, but its mask describes invented pixels.
   */
  private static boolean concealed(Frame frame) {
    return frame.opaque instanceof AVFrame decoded
        && ((decoded.flags() & AVFrame.AV_FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0);
  }

  /** The top-left {@code width x height} of the picture, which drops any padding the encoder needed. */
  public static byte[] packedBgr(Frame frame, int width, int height) {
    int rowBytes = width * 3;
    byte[] bgr = new byte[rowBytes * height];
    ByteBuffer image = ((ByteBuffer) frame.image[0]).duplicate();
    for (int y = 0; y < height; y++) {
      image.position(y * frame.imageStride);
      image.get(bgr, y * rowBytes, rowBytes);
    }
    return bgr;
  }
}
