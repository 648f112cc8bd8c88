package dev.resolute.workbench.bench;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.FramePreparer;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.PictureInput;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.ClassIou;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.pipeline.InferenceSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Mask quality at each level with the two ways of shrinking a frame to the inference size: Java's
 * two-tap bilinear from full-size BGR (what the processor did) and FFmpeg's area filter from the
 * decoded picture (what it does now), scored as mean IoU against the generated footage's true
 * labels. Only for a model whose classes are the footage's (the generated one).
 */
public final class ResizeQuality {

  /** One level's mean IoU over the scored frames, each way, and how many mask pixels differ. */
  public record Row(int level, int width, int height, double twoTapIou, double areaIou, double differingPixels) {}

  private final int frames;

  public ResizeQuality(int frames) {
    this.frames = frames;
  }

  public List<Row> run(OnnxModel model, BenchClip clip) throws ChunkDecodeException {
    List<DecodedFrame> decoded = new ArrayList<>();
    ChunkDecoder decoder = new ChunkDecoder();
    for (var chunk : clip.chunks()) {
      decoded.addAll(decoder.decode(chunk));
    }
    decoded = decoded.subList(0, Math.min(frames, decoded.size()));
    FramePreparer twoTaps = new FramePreparer(model.descriptor());
    List<Row> rows = new ArrayList<>();
    try (Segmenter segmenter = model.newSegmenter(); PictureInput area = new PictureInput(model.descriptor())) {
      int classes = segmenter.classes();
      for (int level = 0; level < model.descriptor().ladder().size(); level++) {
        ClassIou twoTapIou = new ClassIou(classes);
        ClassIou areaIou = new ClassIou(classes);
        long differing = 0;
        long pixels = 0;
        InferenceSize size = null;
        for (DecodedFrame f : decoded) {
          size = InferenceSize.of(model.descriptor(), level, f.width(), f.height());
          float[] a = new float[3 * size.width() * size.height()];
          twoTaps.prepare(f.bgr(), f.width(), f.height(), a, 0, size.width(), size.height());
          float[] b = new float[a.length];
          area.prepare(f.picture(), b, 0, size.width(), size.height());
          byte[] fromTwoTaps = labels(segmenter, a, size, f, model.descriptor().upsample());
          byte[] fromArea = labels(segmenter, b, size, f, model.descriptor().upsample());
          byte[] truth = clip.scene().labels(f.frameIndex());
          twoTapIou.add(fromTwoTaps, truth);
          areaIou.add(fromArea, truth);
          for (int i = 0; i < truth.length; i++) {
            differing += fromTwoTaps[i] != fromArea[i] ? 1 : 0;
          }
          pixels += truth.length;
        }
        rows.add(new Row(level, size.width(), size.height(), twoTapIou.mean(), areaIou.mean(), (double) differing / pixels));
      }
    }
    return rows;
  }

  private static byte[] labels(Segmenter segmenter, float[] input, InferenceSize size, DecodedFrame f, UpsampleMethod method) {
    return LogitUpsampler.upsampleArgmax(segmenter.infer(input, 1, size.height(), size.width()), 0, f.height(), f.width(), method)
        .labels();
  }

  public static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder("#### Shrinking to the inference size: two-tap bilinear against area (mean IoU against the true labels)\n\n")
        .append("| level | inference | two-tap bilinear mIoU | FFmpeg area mIoU | difference | mask pixels that differ |\n|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append(String.format("| %d | %dx%d | %.4f | %.4f | %+.4f | %.2f%% |%n", r.level(), r.width(), r.height(),
          r.twoTapIou(), r.areaIou(), r.areaIou() - r.twoTapIou(), 100 * r.differingPixels()));
    }
    return md.append('\n').toString();
  }
}
