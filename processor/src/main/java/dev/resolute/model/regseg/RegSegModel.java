package dev.resolute.model.regseg;

import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.OutputKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Resolute knows about its RegSeg graph beyond the graph: ImageNet normalisation, the 19
 * Cityscapes classes, and the paper's ladder (1024x2048 down to 128x256 on a 2048x1024 source).
 */
public final class RegSegModel {
  public static final String ID = "regseg";
  public static final String INPUT = "input";
  public static final String OUTPUT = "logits";
  /** Cityscapes' full size, where the paper counts its FLOPs. */
  public static final ImageSize NATIVE_SIZE = new ImageSize(2048, 1024);
  public static final List<String> CLASSES = List.of("road", "sidewalk", "building", "wall", "fence", "pole", "traffic light",
      "traffic sign", "vegetation", "terrain", "sky", "person", "rider", "car", "truck", "bus", "train", "motorcycle", "bicycle");
  /** Three stride-2 stages after a stride-2 stem: sizes divisible by 16 keep every stage exact. */
  public static final int SIZE_MULTIPLE = 16;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private RegSegModel() {}

  public static ModelDescriptor descriptor() {
    List<Float> scale = List.of(1 / (255 * STD[0]), 1 / (255 * STD[1]), 1 / (255 * STD[2]));
    List<Float> offset = List.of(-MEAN[0] / STD[0], -MEAN[1] / STD[1], -MEAN[2] / STD[2]);
    return new ModelDescriptor(ID, INPUT, OUTPUT, "RGB", scale, offset, CLASSES, SIZE_MULTIPLE, List.of(1.0, 0.5, 0.25, 0.125),
        OutputKind.LOGITS, NATIVE_SIZE,
        "RegSeg exp48_decoder26 (Gao 2021) built by Resolute from the paper's architecture; deterministic untrained weights "
            + "(no pretrained weights are obtainable offline): its costs are RegSeg's, its masks mean nothing",
        "Apache-2.0");
  }

  /** Writes {@code model.onnx} and {@code model.json} into {@code dir}; returns the model file. */
  public static Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path modelFile = dir.resolve("model.onnx");
    OnnxFiles.write(RegSegGraph.build(), modelFile);
    descriptor().write(dir.resolve(ModelDescriptor.FILE_NAME));
    return modelFile;
  }
}
