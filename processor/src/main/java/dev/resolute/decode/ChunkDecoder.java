package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber.ImageMode;

/**
 * Decodes a chunk's container bytes with FFmpeg into pictures in the decoder's own pixel format:
 * converting to the inference size and channel order is left to FFmpeg's scaler once the level is
 * known ({@link PictureScaler}), so no full-size BGR copy is made that nothing needs.
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

  /**
   * The container ingest writes chunks in: its header carries every parameter the decoder needs
   * (size, codec private data), so FFmpeg need not probe the stream first.
   */
  private static final String HEADER_DESCRIBES_STREAMS = "matroska";

  private final long maxDecodedBytes;
  private final boolean alwaysProbe;

  public ChunkDecoder() {
    this(ChunkHeader.DEFAULT_MAX_DECODED_BYTES);
  }

  /** @param maxDecodedBytes the most a chunk's decoded frames may take; a larger chunk is rejected before decoding */
  public ChunkDecoder(long maxDecodedBytes) {
    this(maxDecodedBytes, false);
  }

  private ChunkDecoder(long maxDecodedBytes, boolean alwaysProbe) {
    this.maxDecodedBytes = maxDecodedBytes;
    this.alwaysProbe = alwaysProbe;
  }

  /** One that lets FFmpeg probe every chunk's stream first, whatever its container: the reference the shortcut is tested against. */
  public static ChunkDecoder probingEveryChunk() {
    return new ChunkDecoder(ChunkHeader.DEFAULT_MAX_DECODED_BYTES, true);
  }

  public List<DecodedFrame> decode(VideoChunk chunk) throws ChunkDecodeException {
    FrameGeometry geometry = ChunkHeader.check(chunk, maxDecodedBytes);
    ByteBuffer payload = chunk.getPayload().duplicate();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    if (alwaysProbe || !HEADER_DESCRIBES_STREAMS.equals(chunk.getContainer())) {
      return decode(chunk, geometry, bytes, true);
    }
    try {
      return decode(chunk, geometry, bytes, false);
    } catch (ChunkDecodeException e) {
      // a Matroska writer that left the codec's parameters out of the header: probe as any container
      return decode(chunk, geometry, bytes, true);
    }
  }

  /**
   * @param probe whether FFmpeg reads into the stream to learn its parameters before decoding: for a
   *     one-second chunk that decodes most of it twice (8 of the 27 ms of a 720p chunk of 12 frames)
   */
  private List<DecodedFrame> decode(VideoChunk chunk, FrameGeometry geometry, byte[] bytes, boolean probe)
      throws ChunkDecodeException {
    List<DecodedFrame> frames = new ArrayList<>();
    // maximumSize 0: read the container front to back, never seek (our chunks carry no index)
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), 0);
        NativeCopy copy = new NativeCopy()) {
      grabber.setFormat(chunk.getContainer());
      grabber.setImageMode(ImageMode.RAW);
      grabber.start(probe);
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
            ? ChunkHeader.containerPtsMicros(chunk, containerOffset(grabber.getTimestamp(), firstTimestamp))
            : ChunkTimeline.ptsMicros(chunk, i);
        frames.add(new DecodedFrame(chunk.getFirstFrameIndex() + i, pts, chunk.getWidth(), chunk.getHeight(),
            copy.picture((AVFrame) frame.opaque, chunk.getWidth(), chunk.getHeight()), concealed(frame)));
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

  /** Copies decoded pictures out of FFmpeg's frames onto the heap, through one reused native buffer. */
  private static final class NativeCopy implements AutoCloseable {
    private BytePointer buffer = new BytePointer(0L);

    /** The top-left {@code width x height} of the picture, which drops any padding the encoder needed. */
    Picture picture(AVFrame frame, int width, int height) throws ChunkDecodeException {
      int format = frame.format();
      int size = Picture.bytes(format, width, height);
      if (buffer.capacity() < size) {
        buffer.close();
        // FFmpeg copies each row's pixels and leaves the padding to the aligned row length alone:
        // zeroed once, pictures hold no leftover native bytes and decode to the same bytes every time
        buffer = new BytePointer(size);
        buffer.zero();
      }
      if (av_image_copy_to_buffer(buffer.position(0), size, frame.data(), frame.linesize(), format, width, height, Picture.ALIGN) < 0) {
        throw new ChunkDecodeException("FFmpeg cannot copy a picture in pixel format " + format, null);
      }
      byte[] data = new byte[size];
      buffer.get(data, 0, size);
      return new Picture(format, width, height, data);
    }

    @Override
    public void close() {
      buffer.close();
    }
  }

  private static long containerOffset(long timestamp, long firstTimestamp) throws ChunkDecodeException {
    try {
      return Math.subtractExact(timestamp, firstTimestamp);
    } catch (ArithmeticException e) {
      throw new InvalidChunkException("the container's frame times overflow a 64-bit microsecond count");
    }
  }
}
