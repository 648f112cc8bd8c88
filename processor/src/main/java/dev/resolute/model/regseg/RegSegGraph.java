package dev.resolute.model.regseg;

import static dev.resolute.model.graph.OnnxBuilder.integer;
import static dev.resolute.model.graph.OnnxBuilder.ints;
import static dev.resolute.model.graph.OnnxBuilder.string;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.graph.OnnxBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RegSeg's "exp48_decoder26" (Gao, "Rethinking Dilated Convolution for Real-time Semantic
 * Segmentation", 2021), written from the paper's description as an ONNX graph, with deterministic
 * untrained weights (no pretrained weights can be fetched here: its masks mean nothing).
 *
 * <pre>
 *   stem     Conv 3x3 s2, 3 -> 32, BN, ReLU                                   1/2
 *   stage4   D(32 -> 48, d 1, s2)                                             1/4
 *   stage8   D(48 -> 128, d 1, s2), 2 x D(128, d 1)                           1/8
 *   stage16  D(128 -> 256, d 1, s2), D(256, d 1), D(256, d 1,2), 4 x D(256, d 1,4),
 *            6 x D(256, d 1,14), D(256 -> 320, d 1,14)                         1/16
 *   decoder  1x1 heads 320 -> 128 (x16), 128 -> 128 (x8), 48 -> 8 (x4);
 *            x8 + up(x16) -> Conv 3x3 128 -> 64; concat(up(that), x4) -> Conv 3x3 72 -> 64;
 *            Conv 1x1 64 -> 19 classes                                         1/4
 * </pre>
 *
 * A D block: 1x1 conv, BN, ReLU; a 3x3 group conv of group width 16 (with two dilations, the
 * channels are split in half and each half convolved at its own dilation, then concatenated),
 * BN, ReLU; squeeze-excitation to a quarter of the block's input width; 1x1 conv, BN; plus the
 * shortcut (2x2 average pool then 1x1 conv and BN when the block strides or widens), ReLU. The
 * paper's final bilinear resize to the input size is left out: Resolute upsamples the 1/4 logits
 * straight to the source size.
 */
public final class RegSegGraph {
  public static final int CLASSES = 19;
  private static final int GROUP_WIDTH = 16;
  private static final int OPSET = 13;
  private static final float BN_EPSILON = 1e-5f;

  private final OnnxBuilder b = new OnnxBuilder(RegSegModel.ID);
  private final SplittableRandom random = new SplittableRandom(48026);

  private RegSegGraph() {}

  /** The 13 dilation settings of stage16 after its strided first block, as exp48 lists them. */
  static List<int[]> stage16Dilations() {
    List<int[]> ds = new ArrayList<>();
    ds.add(new int[] {1});
    ds.add(new int[] {1, 2});
    for (int i = 0; i < 4; i++) {
      ds.add(new int[] {1, 4});
    }
    for (int i = 0; i < 7; i++) {
      ds.add(new int[] {1, 14});
    }
    return ds;
  }

  public static ModelProto build() {
    return new RegSegGraph().network();
  }

  private ModelProto network() {
    b.input(OnnxBuilder.image(RegSegModel.INPUT, 3));
    b.output(OnnxBuilder.image(RegSegModel.OUTPUT, CLASSES, "H/4", "W/4"));
    String x = convBnRelu(RegSegModel.INPUT, 3, 32, 3, 2, 1, 1);
    String x4 = dBlock(x, 32, 48, new int[] {1}, 2);
    String x8 = dBlock(x4, 48, 128, new int[] {1}, 2);
    x8 = dBlock(x8, 128, 128, new int[] {1}, 1);
    x8 = dBlock(x8, 128, 128, new int[] {1}, 1);
    String x16 = dBlock(x8, 128, 256, new int[] {1}, 2);
    List<int[]> ds = stage16Dilations();
    for (int i = 0; i < ds.size() - 1; i++) {
      x16 = dBlock(x16, 256, 256, ds.get(i), 1);
    }
    x16 = dBlock(x16, 256, 320, ds.get(ds.size() - 1), 1);
    b.alias(decoder(x4, x8, x16), RegSegModel.OUTPUT);
    return b.model(OPSET);
  }

  /** Decoder26: the 1/16 and 1/8 features summed, then joined with a thin 1/4 head. */
  private String decoder(String x4, String x8, String x16) {
    String h16 = convBnRelu(x16, 320, 128, 1, 1, 0, 1);
    String h8 = convBnRelu(x8, 128, 128, 1, 1, 0, 1);
    String h4 = convBnRelu(x4, 48, 8, 1, 1, 0, 1);
    String sum8 = b.node("Add", new String[] {h8, resizeLike(h16, h8)});
    String c8 = convBnRelu(sum8, 128, 64, 3, 1, 1, 1);
    String joined = b.node("Concat", new String[] {resizeLike(c8, h4), h4}, integer("axis", 1));
    String c4 = convBnRelu(joined, 72, 64, 3, 1, 1, 1);
    return conv(c4, 64, CLASSES, 1, 1, 0, 1, 1, true);
  }

  private String dBlock(String x, int in, int out, int[] dilations, int stride) {
    String shortcut = x;
    if (stride != 1 || in != out) {
      String pooled = stride == 1 ? x : b.node("AveragePool", new String[] {x}, ints("kernel_shape", 2, 2),
          ints("strides", 2, 2), integer("ceil_mode", 1));
      shortcut = bn(conv(pooled, in, out, 1, 1, 0, 1, 1, false), out);
    }
    String y = convBnRelu(x, in, out, 1, 1, 0, 1);
    y = relu(bn(dilatedGroupConv(y, out, dilations, stride), out));
    y = squeezeExcite(y, out, in / 4);
    y = bn(conv(y, out, out, 1, 1, 0, 1, 1, false), out);
    return relu(b.node("Add", new String[] {y, shortcut}));
  }

  /** With several dilations, equal channel slices each convolved at their own, then rejoined. */
  private String dilatedGroupConv(String x, int channels, int[] dilations, int stride) {
    if (dilations.length == 1) {
      int d = dilations[0];
      return conv(x, channels, channels, 3, stride, d, d, channels / GROUP_WIDTH, false);
    }
    int part = channels / dilations.length;
    String[] parts = new String[dilations.length];
    for (int i = 0; i < dilations.length; i++) {
      String slice = b.node("Slice", new String[] {x, b.int64s("start", (long) i * part), b.int64s("end", (long) (i + 1) * part),
          b.int64s("axis", 1)});
      int d = dilations[i];
      parts[i] = conv(slice, part, part, 3, stride, d, d, part / GROUP_WIDTH, false);
    }
    return b.node("Concat", parts, integer("axis", 1));
  }

  private String squeezeExcite(String x, int channels, int squeezed) {
    String s = b.node("GlobalAveragePool", new String[] {x});
    s = relu(conv(s, channels, squeezed, 1, 1, 0, 1, 1, true));
    s = b.node("Sigmoid", new String[] {conv(s, squeezed, channels, 1, 1, 0, 1, 1, true)});
    return b.node("Mul", new String[] {x, s});
  }

  /** Bilinear (half-pixel) resize of {@code x} to {@code target}'s height and width, read at run time. */
  private String resizeLike(String x, String target) {
    String batchAndChannels = b.node("Slice", new String[] {b.node("Shape", new String[] {x}), b.int64s("start", 0),
        b.int64s("end", 2)});
    String size = b.node("Slice", new String[] {b.node("Shape", new String[] {target}), b.int64s("start", 2), b.int64s("end", 4)});
    String sizes = b.node("Concat", new String[] {batchAndChannels, size}, integer("axis", 0));
    return b.node("Resize", new String[] {x, "", "", sizes}, string("mode", "linear"),
        string("coordinate_transformation_mode", "half_pixel"));
  }

  private String convBnRelu(String x, int in, int out, int kernel, int stride, int pad, int dilation) {
    return relu(bn(conv(x, in, out, kernel, stride, pad, dilation, 1, false), out));
  }

  private String relu(String x) {
    return b.node("Relu", new String[] {x});
  }

  // He-normal weights, so that activations keep their scale through 50-odd layers of untrained network
  private String conv(String x, int in, int out, int kernel, int stride, int pad, int dilation, int groups, boolean bias) {
    int fanIn = in / groups * kernel * kernel;
    float[] w = new float[out * fanIn];
    double std = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * std);
    }
    List<String> inputs = new ArrayList<>(List.of(x, b.floats("w", new long[] {out, in / groups, kernel, kernel}, w)));
    if (bias) {
      inputs.add(b.floats("b", new long[] {out}, new float[out]));
    }
    return b.node("Conv", inputs.toArray(String[]::new), ints("kernel_shape", kernel, kernel), ints("strides", stride, stride),
        ints("pads", pad, pad, pad, pad), ints("dilations", dilation, dilation), integer("group", groups));
  }

  // inference-mode BatchNormalization as exported: scale and bias learnt, mean and variance running statistics
  private String bn(String x, int channels) {
    float[] scale = new float[channels];
    float[] zero = new float[channels];
    float[] one = new float[channels];
    java.util.Arrays.fill(scale, 1f);
    java.util.Arrays.fill(one, 1f);
    return b.node("BatchNormalization", new String[] {x, b.floats("bn_scale", new long[] {channels}, scale),
        b.floats("bn_bias", new long[] {channels}, zero), b.floats("bn_mean", new long[] {channels}, zero),
        b.floats("bn_var", new long[] {channels}, one)}, OnnxBuilder.floatAttribute("epsilon", BN_EPSILON));
  }
}
