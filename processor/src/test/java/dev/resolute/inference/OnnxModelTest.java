package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.footage.SyntheticScene;
import dev.resolute.mask.LabelMap;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.RgbSegmenterModel;
import java.nio.file.Files;
import java.nio.file.Path;
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

      float[] logits = segmenter.logits(input, 2, 48, 64);

      assertThat(logits).hasSize(2 * 4 * 48 * 64);
      for (int i = 0; i < 2; i++) {
        LabelMap labels = LogitUpsampler.upsampleArgmax(logits, i, 4, 48, 64, 48, 64);
        byte[] truth = scene.labels(i == 0 ? 3 : 40);
        assertThat(agreement(labels.labels(), truth)).isGreaterThan(0.999);
      }
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
