package dev.resolute.testkit.footage.corpus;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * An independent decode of a whole file, with no chunking: what ingest plus decode must reproduce.
 * Frames come from FFmpegFrameGrabber.grabImage over the file, timed by {@code getTimestamp()} (the
 * raw best-effort timestamp, start time not subtracted, the convention ingest uses); packets from a
 * separate pass of libavformat.
 */
public record ReferenceDecode(List<ReferenceFrame> frames, PacketSummary packets) {
  public ReferenceDecode {
    frames = List.copyOf(frames);
  }

  public static ReferenceDecode of(Path file) throws IOException {
    return new ReferenceDecode(decode(file), PacketScan.of(file));
  }

  /** Timestamps in microseconds, in output order, of the frames that have one. */
  public List<Long> ptsMicros() {
    return frames.stream().filter(ReferenceFrame::hasTimestamp).map(ReferenceFrame::ptsMicros).toList();
  }

  private static List<ReferenceFrame> decode(Path file) throws IOException {
    List<ReferenceFrame> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        // the grabber hands out its converted picture, with the decoded frame's properties copied in
        AVFrame decoded = (AVFrame) frame.opaque;
        frames.add(new ReferenceFrame(frames.size(), grabber.getTimestamp(),
            decoded.best_effort_timestamp() != AV_NOPTS_VALUE, frame.imageWidth, frame.imageHeight, frame.keyFrame,
            frame.pictType, (decoded.flags() & AVFrame.AV_FRAME_FLAG_INTERLACED) != 0,
            (decoded.flags() & AVFrame.AV_FRAME_FLAG_TOP_FIELD_FIRST) != 0));
      }
      grabber.stop();
    } catch (FFmpegFrameGrabber.Exception e) {
      throw new IOException("FFmpeg could not decode " + file, e);
    }
    return frames;
  }
}
