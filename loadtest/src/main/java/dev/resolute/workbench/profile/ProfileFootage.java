package dev.resolute.workbench.profile;

import dev.resolute.decode.DecodedFrame;
import dev.resolute.decode.Picture;
import dev.resolute.mask.PngGrayEncoder;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * The frames a profile runs on: a sample spread evenly over a clip, decoded once, with the true
 * class of every pixel where the footage has labels.
 *
 * @param labels one label map per frame (row-major class indices), or null without labels
 * @param decodeMs mean decode time per frame over the whole clip, counted into end-to-end times
 */
public record ProfileFootage(String description, List<DecodedFrame> frames, List<byte[]> labels, double decodeMs) {
  /** Where {@link #labelFile} names label maps: one 8-bit grey PNG per frame index. */
  public static final String LABEL_PATTERN = "%06d.png";

  public ProfileFootage {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException(description + ": no frames to profile");
    }
    frames = List.copyOf(frames);
    labels = labels == null ? null : List.copyOf(labels);
  }

  public int width() {
    return frames.get(0).width();
  }

  public int height() {
    return frames.get(0).height();
  }

  public boolean labelled() {
    return labels != null;
  }

  /** The same frames without their labels (a model whose classes are not the labels'). */
  public ProfileFootage unlabelled() {
    return new ProfileFootage(description, frames, null, decodeMs);
  }

  public static Path labelFile(Path dir, long frameIndex) {
    return dir.resolve(String.format(LABEL_PATTERN, frameIndex));
  }

  /**
   * Up to {@code maxFrames} frames spread evenly over {@code video}; with {@code labelDir}, each
   * frame's labels from {@code labelDir/NNNNNN.png} (its index in decode order, from 0).
   */
  public static ProfileFootage read(Path video, int maxFrames, Path labelDir) throws IOException {
    List<DecodedFrame> all = new ArrayList<>();
    long start = System.nanoTime();
    int decoded = 0;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
      grabber.start();
      int length = Math.max(1, grabber.getLengthInVideoFrames());
      int every = Math.max(1, length / maxFrames);
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        if (decoded % every == 0 && all.size() < maxFrames) {
          all.add(new DecodedFrame(decoded, grabber.getTimestamp(), frame.imageWidth, frame.imageHeight,
              Picture.ofBgr24((ByteBuffer) frame.image[0], frame.imageStride, frame.imageWidth, frame.imageHeight), false));
        }
        decoded++;
      }
      grabber.stop();
    } catch (FFmpegFrameGrabber.Exception e) {
      throw new IOException("FFmpeg cannot read " + video + ": " + e.getMessage(), e);
    }
    if (all.isEmpty()) {
      throw new IOException(video + " has no video frames");
    }
    double decodeMs = (System.nanoTime() - start) / 1e6 / decoded;
    List<byte[]> labels = labelDir == null ? null : readLabels(labelDir, all);
    return new ProfileFootage(video.toString(), all, labels, decodeMs);
  }

  /**
   * Writes {@code seconds} of the generated scene as H.264 into {@code dir} with one label PNG per
   * frame under {@code dir/labels}, and reads it back as {@link #read} would.
   */
  public static ProfileFootage generated(Path dir, int width, int height, int seconds, int maxFrames) throws Exception {
    SyntheticScene scene = new SyntheticScene(width, height, 10);
    Path video = dir.resolve("generated-" + width + "x" + height + ".mkv");
    Path labelDir = dir.resolve("labels");
    Files.createDirectories(labelDir);
    long frames = (long) seconds * 10;
    FootageWriter.write(scene, frames, FootageWriter.Codec.H264, video);
    for (long i = 0; i < frames; i++) {
      Files.write(labelFile(labelDir, i), PngGrayEncoder.encode(scene.labels(i), width, height));
    }
    return read(video, maxFrames, labelDir);
  }

  private static List<byte[]> readLabels(Path dir, List<DecodedFrame> frames) throws IOException {
    List<byte[]> labels = new ArrayList<>();
    for (DecodedFrame f : frames) {
      Path file = labelFile(dir, f.frameIndex());
      BufferedImage image = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
      if (image == null) {
        throw new IOException("--labels " + dir + ": no readable label PNG " + file.getFileName() + " for frame " + f.frameIndex());
      }
      if (image.getType() != BufferedImage.TYPE_BYTE_GRAY || image.getWidth() != f.width() || image.getHeight() != f.height()) {
        throw new IOException("--labels " + dir + ": " + file.getFileName() + " must be an 8-bit grey PNG of " + f.width() + "x"
            + f.height() + " (one class index per pixel), got " + image.getWidth() + "x" + image.getHeight());
      }
      labels.add(((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone());
    }
    return labels;
  }
}
