package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
    FrameGeometry geometry = FrameGeometry.of(chunk);
    checkFrameTimes(chunk);
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
        frames.add(new DecodedFrame(chunk.getFirstFrameIndex() + i, pts,
            chunk.getWidth(), chunk.getHeight(), packedBgr(frame, chunk.getWidth(), chunk.getHeight())));
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

  private static void checkFrameTimes(VideoChunk chunk) throws ChunkDecodeException {
    List<Long> pts = chunk.getFramePtsMicros();
    if (pts.isEmpty()) {
      return; // written before per-frame times: the container's timestamps are all there is
    }
    if (pts.size() != chunk.getFrameCount()) {
      throw new ChunkDecodeException("chunk lists " + pts.size() + " frame times for " + chunk.getFrameCount() + " frames", null);
    }
    if (pts.get(0) != chunk.getFirstPtsMicros()) {
      throw new ChunkDecodeException("chunk's first frame time " + pts.get(0) + " µs differs from its firstPtsMicros "
          + chunk.getFirstPtsMicros(), null);
    }
    for (int i = 1; i < pts.size(); i++) {
      if (pts.get(i) < pts.get(i - 1)) {
        throw new ChunkDecodeException("chunk's frame times go backwards at frame " + i, null);
      }
    }
  }

  /** The top-left {@code width x height} of the picture, which drops any padding the encoder needed. */
  private static byte[] packedBgr(Frame frame, int width, int height) {
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
