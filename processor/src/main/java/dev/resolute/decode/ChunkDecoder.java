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
 * Decodes a chunk's container bytes with FFmpeg into BGR frames.
 *
 * <p>All or nothing: a chunk that fails to open, decodes to no frames, or to a different number of
 * frames or size than its header says is rejected whole, so the caller can dead-letter the original
 * record instead of publishing masks for a damaged fraction of it.
 */
public final class ChunkDecoder {
  static {
    FfmpegLog.errorsOnly();
  }

  /** Demuxers a chunk may name: the ones ingest writes. Others (hls, concat...) could open other files or URLs. */
  private static final java.util.Set<String> CONTAINERS = java.util.Set.of("matroska", "mpegts");

  public List<DecodedFrame> decode(VideoChunk chunk) throws ChunkDecodeException {
    if (chunk.getFrameCount() <= 0) {
      throw new ChunkDecodeException("chunk declares " + chunk.getFrameCount() + " frames", null);
    }
    if (!(chunk.getFps() > 0) || Double.isInfinite(chunk.getFps())) {
      throw new ChunkDecodeException("chunk declares a frame rate of " + chunk.getFps(), null);
    }
    if (!CONTAINERS.contains(chunk.getContainer())) {
      throw new ChunkDecodeException("container '" + chunk.getContainer() + "' is not one of " + CONTAINERS, null);
    }
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
        if (frame.imageWidth != chunk.getWidth() || frame.imageHeight != chunk.getHeight()) {
          throw new ChunkDecodeException("frame of " + frame.imageWidth + "x" + frame.imageHeight
              + " in a chunk declared " + chunk.getWidth() + "x" + chunk.getHeight(), null);
        }
        long index = chunk.getFirstFrameIndex() + frames.size();
        if (firstTimestamp == Long.MIN_VALUE) {
          firstTimestamp = grabber.getTimestamp();
        }
        // the container's own clock may restart at 0 (re-encoded chunks) or not (copied ones):
        // only the distance from the chunk's first frame is meaningful, on the source's timeline
        long pts = chunk.getFirstPtsMicros() + grabber.getTimestamp() - firstTimestamp;
        frames.add(new DecodedFrame(index, pts, frame.imageWidth, frame.imageHeight, packedBgr(frame)));
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

  private static byte[] packedBgr(Frame frame) {
    int rowBytes = frame.imageWidth * 3;
    byte[] bgr = new byte[rowBytes * frame.imageHeight];
    ByteBuffer image = ((ByteBuffer) frame.image[0]).duplicate();
    for (int y = 0; y < frame.imageHeight; y++) {
      image.position(y * frame.imageStride);
      image.get(bgr, y * rowBytes, rowBytes);
    }
    return bgr;
  }
}
