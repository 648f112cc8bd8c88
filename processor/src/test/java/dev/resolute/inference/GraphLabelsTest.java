package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.mask.JavaUpsampler;
import dev.resolute.mask.TieCount;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.model.graph.TestGraphs;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upsample-and-argmax appended to the graph gives the labels the Java upsampler gives from the
 * same model's output, pixel for pixel, but where two classes tie to within float rounding (such
 * pixels are counted, and must be few). Real ONNX Runtime, real generated models.
 */
class GraphLabelsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"48,64,48,64", "36,48,48,64", "24,32,48,64", "18,24,72,96", "45,80,90,160", "17,23,101,99"})
  void shouldMatchTheJavaUpsamplerAtEveryLevelButForTies(int inH, int inW, int outH, int outW) throws Exception {
    RgbSegmenterModel.writeTo(dir);
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = sceneWithNoise(model.descriptor(), 2, inH, inW);

      assertThat(segmenter.labelsInGraph()).isTrue();
      byte[] graph = segmenter.labels(input, 2, inH, inW, outH, outW);
      float[] logits = segmenter.infer(input, 2, inH, inW).values();

      TieCount m = TieCount.of(graph, logits, 2, 4, inH, inW, outH, outW);
      assertThat(m.beyondTies()).as("pixels that differ where no two classes tie").isZero();
      assertThat(m.ties()).as("pixels that differ at a tie").isLessThanOrEqualTo(2L * outH * outW / 1000);
    }
  }

  @Test
  void shouldUpsampleFromTheOutputsOwnSizeWhenTheModelHasAnOutputStride() throws Exception {
    // logits at half the input size, as networks with an output stride give them
    ModelProto graph = TestGraphs.graph().input("input", -1, 3, -1, -1).output("logits", -1, 3, -1, -1)
        .weight("w", 3, 3, 3, 3)
        .node("AveragePool", TestGraphs.in("input"), "pooled", TestGraphs.ints("kernel_shape", 2, 2), TestGraphs.ints("strides", 2, 2))
        .node("Conv", TestGraphs.in("pooled", "w"), "logits", TestGraphs.ints("pads", 1, 1, 1, 1))
        .model();
    OnnxFiles.write(graph, dir.resolve("model.onnx"));
    ModelDescriptor descriptor = new ModelDescriptor("strided", "input", "logits", "RGB", List.of(1f, 1f, 1f),
        List.of(0f, 0f, 0f), List.of("a", "b", "c"), 2, List.of(1.0));
    descriptor.write(dir.resolve("model.json"));
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = sceneWithNoise(descriptor, 1, 32, 48);

      byte[] labels = segmenter.labels(input, 1, 32, 48, 60, 90);
      float[] logits = segmenter.infer(input, 1, 32, 48).values();

      assertThat(logits).hasSize(3 * 16 * 24);
      TieCount m = TieCount.of(labels, logits, 1, 3, 16, 24, 60, 90);
      assertThat(m.beyondTies()).isZero();
      assertThat(m.ties()).isLessThanOrEqualTo(60 * 90 / 1000);
    }
  }

  @Test
  void shouldThresholdAProbabilityModelAtOneHalfAsTheArgmaxOfItsTwoPlanes() throws Exception {
    ModelDescriptor descriptor = TestGraphs.writeRedOverGreenModel(dir);
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = sceneWithNoise(descriptor, 2, 30, 40);

      byte[] labels = segmenter.labels(input, 2, 30, 40, 75, 100);
      float[] planes = segmenter.infer(input, 2, 30, 40).values();

      TieCount m = TieCount.of(labels, planes, 2, 2, 30, 40, 75, 100);
      assertThat(m.beyondTies()).isZero();
      assertThat(m.ties()).isLessThanOrEqualTo(2 * 75 * 100 / 1000);
      long foreground = 0;
      for (byte b : labels) {
        foreground += b;
      }
      assertThat(foreground).as("both classes present, or the comparison proves little").isBetween(1000L, 14000L);
    }
  }

  /**
   * A model with an output stride of 4 (the generated model's logits at H/4, as RegSeg gives them),
   * upsampled by each method: the graph's labels are the Java path's (the one the processor takes,
   * edge shortcut included) but at ties.
   */
  @ParameterizedTest
  @CsvSource({"bilinear,48,64,240,320", "bilinear,24,32,240,320", "bicubic,48,64,240,320", "bicubic,24,32,90,160",
      "nearest,48,64,240,320", "nearest,24,32,90,160", "nearest,48,64,18,24", "nearest,40,56,25,35"})
  void shouldMatchTheJavaPathFromAQuarterSizeOutputByEveryMethod(String method, int inH, int inW, int outH, int outW)
      throws Exception {
    UpsampleMethod upsample = UpsampleMethod.parse(method);
    RgbSegmenterModel.writeTo(dir, 4);
    ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME)).withUpsample(upsample).write(dir.resolve(ModelDescriptor.FILE_NAME));
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = sceneWithNoise(model.descriptor(), 2, inH, inW);

      assertThat(segmenter.labelsInGraph()).isTrue();
      byte[] graph = segmenter.labels(input, 2, inH, inW, outH, outW);
      Logits logits = segmenter.infer(input, 2, inH, inW);

      assertThat(logits.height()).isEqualTo(inH / 4);
      assertThat(logits.width()).isEqualTo(inW / 4);
      assertSameButAtTies(graph, logits, outH, outW, upsample);
      assertSameButAtTies(javaPath(logits, outH, outW, upsample), logits, outH, outW, upsample);
    }
  }

  /** Bicubic at the full-size model's own output, at every ladder step's ratio, down and up. */
  @ParameterizedTest
  @CsvSource({"48,64,48,64", "36,48,48,64", "24,32,48,64", "18,24,72,96", "45,80,90,160", "17,23,101,99"})
  void shouldMatchTheJavaBicubicButAtTies(int inH, int inW, int outH, int outW) throws Exception {
    RgbSegmenterModel.writeTo(dir);
    ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME)).withUpsample(UpsampleMethod.BICUBIC)
        .write(dir.resolve(ModelDescriptor.FILE_NAME));
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = sceneWithNoise(model.descriptor(), 2, inH, inW);

      byte[] graph = segmenter.labels(input, 2, inH, inW, outH, outW);
      Logits logits = segmenter.infer(input, 2, inH, inW);

      assertSameButAtTies(graph, logits, outH, outW, UpsampleMethod.BICUBIC);
    }
  }

  private static void assertSameButAtTies(byte[] labels, Logits logits, int outH, int outW, UpsampleMethod method) {
    TieCount m = TieCount.of(labels, logits, outH, outW, method);
    assertThat(m.beyondTies()).as("pixels that differ where no two classes tie (%s)", method.label()).isZero();
    assertThat(m.ties()).as("pixels that differ at a tie (%s)", method.label())
        .isLessThanOrEqualTo((long) logits.batch() * outH * outW / 1000);
  }

  private static byte[] javaPath(Logits logits, int outH, int outW, UpsampleMethod method) {
    byte[] all = new byte[logits.batch() * outH * outW];
    for (int i = 0; i < logits.batch(); i++) {
      System.arraycopy(JavaUpsampler.upsampleArgmax(logits, i, outH, outW, method).labels(), 0, all, i * outH * outW, outH * outW);
    }
    return all;
  }

  /** Rendered scene frames, normalised, with noise so that class scores vary smoothly everywhere. */
  private static float[] sceneWithNoise(ModelDescriptor descriptor, int batch, int height, int width) {
    FramePreparer preparer = new FramePreparer(descriptor);
    SyntheticScene scene = new SyntheticScene(width, height, 10);
    float[] input = new float[batch * 3 * height * width];
    for (int i = 0; i < batch; i++) {
      preparer.prepare(scene.renderBgr(5 + 17L * i), width, height, input, i, width, height);
    }
    Random random = new Random(height * 131L + width);
    for (int i = 0; i < input.length; i++) {
      input[i] += (float) (0.2 * random.nextGaussian());
    }
    return input;
  }
}
