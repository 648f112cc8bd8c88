package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.resolute.mask.LabelMap;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.model.graph.TestGraphs;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {
  @TempDir Path dir;

  @Test
  void shouldLabelEveryPixelOfARenderedBatchThroughOnnxRuntime() throws Exception {
    SyntheticScene scene = new SyntheticScene(64, 48, 10);
    RgbSegmenterModel.writeTo(dir);
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      FramePreparer preparer = new FramePreparer(model.descriptor());
      float[] input = new float[2 * 3 * 48 * 64];
      preparer.prepare(scene.renderBgr(3), 64, 48, input, 0, 64, 48);
      preparer.prepare(scene.renderBgr(40), 64, 48, input, 1, 64, 48);

      float[] logits = segmenter.infer(input, 2, 48, 64).values();

      assertThat(logits).hasSize(2 * 4 * 48 * 64);
      for (int i = 0; i < 2; i++) {
        LabelMap labels = LogitUpsampler.upsampleArgmax(logits, i, 4, 48, 64, 48, 64);
        byte[] truth = scene.labels(i == 0 ? 3 : 40);
        assertThat(agreement(labels.labels(), truth)).isGreaterThan(0.999);
      }
    }
  }

  @Test
  void shouldGiveAProbabilityModelTwoPlanesWhoseArgmaxIsTheHalfwayThreshold() throws Exception {
    // foreground where red exceeds green: p = sigmoid(4 (R - G))
    TestGraphs.writeRedOverGreenModel(dir);
    int h = 2;
    int w = 4;
    float[] input = new float[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        input[y * w + x] = x < 2 ? 1 : 0; // red on the left
        input[h * w + y * w + x] = x < 2 ? 0 : 1; // green on the right
      }
    }

    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] planes = segmenter.infer(input, 1, h, w).values();

      assertThat(segmenter.classes()).isEqualTo(2);
      assertThat(planes).hasSize(2 * h * w);
      float p = (float) (1 / (1 + Math.exp(-4)));
      assertThat(planes[h * w]).isCloseTo(p, within(1e-6f));
      assertThat(planes[0]).isCloseTo(1 - p, within(1e-6f));
      LabelMap labels = LogitUpsampler.upsampleArgmax(planes, 0, 2, h, w, 2 * h, 2 * w);
      assertThat(labels.labels()).containsExactly(
          1, 1, 1, 1, 0, 0, 0, 0,
          1, 1, 1, 1, 0, 0, 0, 0,
          1, 1, 1, 1, 0, 0, 0, 0,
          1, 1, 1, 1, 0, 0, 0, 0);
    }
  }

  @Test
  void shouldRefuseAtLoadADescriptorWhoseClassesDoNotMatchTheOutput() throws Exception {
    RgbSegmenterModel.writeTo(dir);
    ModelDescriptor generated = RgbSegmenterModel.descriptor();
    new ModelDescriptor(generated.id(), generated.inputName(), generated.outputName(), generated.colourOrder(),
        generated.scale(), generated.offset(), List.of("a", "b"), 1, generated.ladder()).write(dir.resolve("model.json"));

    assertThatThrownBy(() -> OnnxModel.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model rgb-segmenter: descriptor lists 2 classes, output has 4 channels");
  }

  @Test
  void shouldSendOneFramePerCallToAGraphThatFixesItsBatchAtOne() throws Exception {
    java.nio.file.Path file = RgbSegmenterModel.writeTo(dir);
    var proto = dev.resolute.model.OnnxFiles.read(file).toBuilder();
    proto.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
        .getDimBuilder(0).clearDimParam().setDimValue(1);
    try (var out = Files.newOutputStream(file)) {
      proto.build().writeTo(out);
    }

    try (OnnxModel fixed = OnnxModel.load(dir)) {
      assertThat(fixed.batchLimit(8)).isEqualTo(1);
    }
    RgbSegmenterModel.writeTo(dir);
    try (OnnxModel dynamic = OnnxModel.load(dir)) {
      assertThat(dynamic.batchLimit(8)).isEqualTo(8);
    }
  }

  @Test
  void shouldNameTheMissingModelFile() {
    assertThatThrownBy(() -> OnnxModel.load(dir.resolve("absent")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldRefuseACorruptModelFileWithAClearMessage() throws Exception {
    RgbSegmenterModel.writeTo(dir);
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    assertThatThrownBy(() -> OnnxModel.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.onnx");
  }

  private static double agreement(byte[] a, byte[] b) {
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }
}
