package dev.resolute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.mask.ClassIou;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models whose logits come out at 1/4 and 1/8 of their input go from that size straight to the
 * source size, and label as well as the full-size model at every level of the ladder.
 */
class OutputStrideTest {
  /**
   * One bound for every model and level: the full-size model's lowest is 0.982 (level 3, 320x240);
   * at 1/8, level 3 gives 40x30 logits and 0.972. A smaller source would put the 1/8 model's
   * lowest level under a dozen logit rows, where no upsampling recovers the edges.
   */
  private static final double MIOU_BOUND = 0.97;
  private static final SyntheticScene SCENE = new SyntheticScene(1280, 960, 10);
  private static final long[] FRAMES = {0, 17, 33, 58};

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 8})
  void shouldReachTheFullSizeModelsMiouAtEveryLevel(int stride) throws Exception {
    RgbSegmenterModel.writeTo(dir, stride);
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      FramePreparer preparer = new FramePreparer(model.descriptor());
      for (int level = 0; level < model.descriptor().ladder().size(); level++) {
        InferenceSize size = InferenceSize.of(model.descriptor(), level, SCENE.width(), SCENE.height());
        ClassIou iou = new ClassIou(RgbSegmenterModel.CLASSES.size());
        for (long frame : FRAMES) {
          float[] input = new float[3 * size.height() * size.width()];
          preparer.prepare(SCENE.renderBgr(frame), SCENE.width(), SCENE.height(), input, 0, size.width(), size.height());

          Logits logits = segmenter.infer(input, 1, size.height(), size.width());

          assertThat(logits.height()).as("output height at level %d", level).isEqualTo(size.height() / stride);
          assertThat(logits.width()).as("output width at level %d", level).isEqualTo(size.width() / stride);
          iou.add(LogitUpsampler.upsampleArgmax(logits, 0, SCENE.height(), SCENE.width(), model.descriptor().upsample()).labels(),
              SCENE.labels(frame));
        }
        assertThat(iou.mean()).as("mIoU at level %d (%dx%d), stride %d", level, size.width(), size.height(), stride)
            .isGreaterThanOrEqualTo(MIOU_BOUND);
      }
    }
  }
}
