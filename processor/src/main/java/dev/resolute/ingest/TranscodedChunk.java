package dev.resolute.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Decoded frames re-encoded to H.264, starting with a keyframe. H.264 in 4:2:0 needs even sizes
 * (libopenh264 silently drops an odd last row or column), so an odd-sized source is padded by
 * repeating its last row and column, and the chunk records the coded size for the decoder to crop
 * back: the frames keep the source's exact size end to end.
 */
final class TranscodedChunk {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final FFmpegFrameRecorder recorder;
  private final StreamInfo stream;
  private final int codedWidth;
  private final int codedHeight;
  private final Frame padded;
  private long[] pts = new long[32];
  private int frames;

  TranscodedChunk(StreamInfo stream) throws Exception {
    this.stream = stream;
    this.codedWidth = stream.width() + (stream.width() & 1);
    this.codedHeight = stream.height() + (stream.height() & 1);
    this.padded = codedWidth == stream.width() && codedHeight == stream.height()
        ? null : new Frame(codedWidth, codedHeight, Frame.DEPTH_UBYTE, 3);
    recorder = new FFmpegFrameRecorder(bytes, codedWidth, codedHeight, 0);
    recorder.setFormat(ChunkMuxer.CONTAINER);
    recorder.setVideoCodecName("libopenh264");
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(stream.fps());
    recorder.setGopSize(100_000); // one keyframe, the first: the chunk is the GOP
    // about 0.15 bit per pixel: close to what cameras send for scenes of this kind
    recorder.setVideoBitrate((int) Math.min(50_000_000, Math.max(200_000, codedWidth * (double) codedHeight * stream.fps() * 0.15)));
    try {
      recorder.start();
    } catch (Exception e) {
      abandon();
      throw e;
    }
  }

  /** A BGR frame of the source's size, shown at {@code ptsMicros} of the source. */
  void add(Frame frame, long ptsMicros) throws Exception {
    if (frame.imageWidth != stream.width() || frame.imageHeight != stream.height()) {
      throw new IngestException("the source changed size mid-stream, from " + stream.width() + "x" + stream.height()
          + " to " + frame.imageWidth + "x" + frame.imageHeight + "; Resolute keeps one size per camera", null);
    }
    recorder.record(padded == null ? frame : pad(frame));
    if (frames == pts.length) {
      pts = Arrays.copyOf(pts, frames * 2);
    }
    pts[frames++] = ptsMicros;
  }

  int frames() {
    return frames;
  }

  long firstPtsMicros() {
    return pts[0];
  }

  /** @param streamStartMicros and {@code discontinuities}: the stream's, as {@link Payload} records them */
  Payload finish(long streamStartMicros, int discontinuities) throws Exception {
    try {
      recorder.close();
    } finally {
      closePadding();
    }
    long[] framePts = Arrays.copyOf(pts, frames);
    Arrays.sort(framePts);
    boolean didPad = padded != null;
    return new Payload(bytes.toByteArray(), "h264", framePts, didPad ? codedWidth : 0, didPad ? codedHeight : 0,
        streamStartMicros, discontinuities);
  }

  void abandon() {
    try {
      recorder.close();
    } catch (Exception ignored) {
      // the chunk is dropped because something else failed: that failure is the one to report
    } finally {
      closePadding();
    }
  }

  private void closePadding() {
    if (padded != null) {
      padded.close(); // its pixels are native memory: free them now, not when the GC gets round to it
    }
  }

  private Frame pad(Frame frame) {
    ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
    ByteBuffer target = ((ByteBuffer) padded.image[0]).duplicate();
    int rowBytes = stream.width() * 3;
    byte[] row = new byte[codedWidth * 3];
    for (int y = 0; y < codedHeight; y++) {
      source.position(Math.min(y, stream.height() - 1) * frame.imageStride);
      source.get(row, 0, rowBytes);
      if (codedWidth > stream.width()) {
        System.arraycopy(row, rowBytes - 3, row, rowBytes, 3);
      }
      target.position(y * padded.imageStride);
      target.put(row);
    }
    return padded;
  }
}
