package dev.resolute.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.inference.UpsampleChooser.Site;
import dev.resolute.mask.ClassIou;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame path as bench and profile drive it: the site forced, kept logits upsampled again. */
class FramePathTest {
  @TempDir Path dir;

  @Test
  void shouldLabelAtEitherForcedSiteAndUpsampleKeptLogitsAgain() throws Exception {
    try (OnnxModel model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
        Segmenter segmenter = model.newSegmenter();
        FramePath path = FramePath.of(model, segmenter, new FrameWorkers(1))) {
      List<DecodedFrame> frames = new ChunkDecoder()
          .decode(TestChunks.first(dir, new SyntheticScene(160, 96, 10), 4, FootageWriter.Codec.H264)).subList(0, 2);
      InferenceSize size = InferenceSize.of(model.descriptor(), 1, 160, 96);
      UpsampleMethod method = model.descriptor().upsample();

      FramePath.Labelled java = path.labelInJava(frames, size, method);
      FramePath.Labelled graph = path.labelInGraph(frames, size);
      FramePath.Upsampled again = path.upsample(java, method);
      FramePath.Upsampled nearest = path.upsample(java, UpsampleMethod.NEAREST);

      assertThat(java.site()).isEqualTo(Site.JAVA);
      assertThat(graph.site()).isEqualTo(Site.GRAPH);
      assertThat(graph.logits()).as("the graph upsampled: nothing to upsample again").isNull();
      assertThat(java.labels()).hasSize(2).allSatisfy(l -> assertThat(l.width()).isEqualTo(160));
      for (int i = 0; i < 2; i++) {
        assertThat(again.labels().get(i).labels()).as("the same logits, the same method").isEqualTo(java.labels().get(i).labels());
        assertThat(iou(java, i, graph.labels().get(i).labels())).as("Java and the graph upsample alike").isGreaterThan(0.95);
        assertThat(nearest.labels().get(i).labels()).isNotEqualTo(java.labels().get(i).labels());
      }
      FramePath.Encoded encoded = path.encode(java.labels());
      assertThat(List.of(encoded.pngs())).hasSize(2).allSatisfy(png -> assertThat(png).startsWith((byte) 0x89, (byte) 'P'));
      assertThat(path.label(frames, size).logits()).as("the processor's batches keep no logits").isNull();
      assertThatThrownBy(() -> path.upsample(graph, method)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static double iou(FramePath.Labelled labelled, int frame, byte[] other) {
    ClassIou iou = new ClassIou(RgbSegmenterModel.CLASSES.size());
    iou.add(labelled.labels().get(frame).labels(), other);
    return iou.mean();
  }
}
