package dev.resolute.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.decode.ReferenceBgrDecode;
import dev.resolute.inference.FramePreparer;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.mask.ClassIou;
import dev.resolute.mask.LogitUpsampler;
import dev.resolute.mask.TieCount;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frame path against the reference it replaced, on H.264 footage with known labels: full-size
 * BGR from FFmpeg's grabber, Java two-tap resize, logits, Java upsample. At the source size nothing
 * is resized, so the masks must be the reference's but at ties; below it the pictures are shrunk
 * with FFmpeg's area filter instead, so the masks must score as well against the truth.
 */
class ChunkSegmenterReferenceTest {
  private static final SyntheticScene SCENE = new SyntheticScene(160, 96, 10);
  @org.junit.jupiter.api.io.TempDir Path dir;
  private OnnxModel model;
  private VideoChunk chunk;

  @BeforeEach
  void setUp() throws Exception {
    model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    chunk = TestChunks.first(dir, SCENE, 10, FootageWriter.Codec.H264);
  }

  @AfterEach
  void tearDown() {
    model.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void shouldGiveTheReferenceMasksAtTheSourceSizeAndMasksAsGoodBelowIt(int level) throws Exception {
    List<byte[]> masks = new ArrayList<>();
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, 4, Clock.systemUTC())) {
      // twice: the first batches of a size try both upsampling sites, later ones use the faster
      for (int pass = 0; pass < 2; pass++) {
        masks.clear();
        for (SegmentedFrame f : segmenter.segment(chunk, segmenter.decode(chunk), FramePlan.fixed(level)).frames()) {
          masks.add(labelsOf(f.mask().getMask()));
        }
      }
    }
    List<byte[]> reference = ReferenceBgrDecode.frames(chunk);
    InferenceSize size = InferenceSize.of(model.descriptor(), level, SCENE.width(), SCENE.height());
    FramePreparer twoTaps = new FramePreparer(model.descriptor());
    ClassIou newIou = new ClassIou(4);
    ClassIou referenceIou = new ClassIou(4);
    long differing = 0;
    try (Segmenter segmenter = model.newSegmenter()) {
      for (int i = 0; i < reference.size(); i++) {
        float[] input = new float[3 * size.width() * size.height()];
        twoTaps.prepare(reference.get(i), SCENE.width(), SCENE.height(), input, 0, size.width(), size.height());
        float[] logits = segmenter.infer(input, 1, size.height(), size.width()).values();
        byte[] expected = LogitUpsampler.upsampleArgmax(logits, 0, 4, size.height(), size.width(), SCENE.height(), SCENE.width()).labels();
        if (level == 0) {
          TieCount ties = TieCount.ofImage(masks.get(i), logits, 0, 4, size.height(), size.width(), SCENE.height(), SCENE.width());
          assertThat(ties.beyondTies()).as("frame %d: pixels that differ from the reference where no classes tie", i).isZero();
          assertThat(ties.ties()).isLessThanOrEqualTo(SCENE.width() * SCENE.height() / 1000);
        }
        byte[] truth = SCENE.labels(chunk.getFirstFrameIndex() + i);
        newIou.add(masks.get(i), truth);
        referenceIou.add(expected, truth);
        for (int p = 0; p < truth.length; p++) {
          differing += masks.get(i)[p] != expected[p] ? 1 : 0;
        }
      }
    }
    assertThat(newIou.mean()).as("mean IoU against the truth, FFmpeg area against two-tap bilinear")
        .isGreaterThan(referenceIou.mean() - 0.02);
    assertThat((double) differing / (reference.size() * SCENE.width() * SCENE.height())).isLessThan(level == 0 ? 0.001 : 0.03);
  }

  private static byte[] labelsOf(ByteBuffer png) throws Exception {
    byte[] bytes = new byte[png.remaining()];
    png.duplicate().get(bytes);
    var image = ImageIO.read(new ByteArrayInputStream(bytes));
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }
}
