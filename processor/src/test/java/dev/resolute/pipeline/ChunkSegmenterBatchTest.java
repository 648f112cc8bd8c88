package dev.resolute.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.VideoChunk;
import dev.resolute.testkit.footage.FootageWriter;
import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk in batches, on the real model and engine: a plan asked for before every batch, the level
 * and stride changing between batches of one chunk; and behind a segmenter that runs out of native
 * memory above a batch size, as a GPU does when a larger batch no longer fits, the chunk must still
 * be segmented whole, in smaller batches, and a failure that a smaller batch cannot help must
 * still surface.
 */
class ChunkSegmenterBatchTest {
  @TempDir Path dir;
  private OnnxModel model;
  private VideoChunk chunk;

  @BeforeEach
  void setUp() throws Exception {
    model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    chunk = TestChunks.first(dir, new SyntheticScene(64, 48, 10), 10, FootageWriter.Codec.FFV1);
  }

  @AfterEach
  void tearDown() {
    model.close();
  }

  @Test
  void shouldHalveTheBatchWhenTheEngineRunsOutOfMemoryAndStillSegmentEveryFrame() throws Exception {
    List<Integer> attempted = new ArrayList<>();
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, new FailingAbove(model.newSegmenter(), 2, attempted,
        "onnxruntime: Failed to allocate memory for requested buffer of size 88080384"), 8, Clock.systemUTC())) {
      ChunkOutcome outcome = segmenter.segment(chunk, segmenter.decode(chunk), plan());

      assertThat(outcome.frames()).hasSize(10).allSatisfy(f -> assertThat(f.skipped()).isFalse());
      assertThat(outcome.frames()).allSatisfy(f -> assertThat(f.cost().getBatchSize()).isLessThanOrEqualTo(2));
      assertThat(attempted).startsWith(8, 4, 2);
      // the next chunk starts at the size that worked
      attempted.clear();
      segmenter.segment(chunk, segmenter.decode(chunk), plan());
      // every one of the 10 frames again, in batches of the size that worked, none of a size that failed
      assertThat(attempted).as("batch sizes tried on the next chunk").containsExactly(2, 2, 2, 2, 2);
    }
  }

  @Test
  void shouldGiveTheSameMasksAndRecordsWhenTheFramesOfABatchRunOnSeveralThreads() throws Exception {
    for (int level = 0; level < 4; level++) {
      FramePlan plan = new FramePlan(level, 1, 0, 0, 0, 10, 1.0, 1, "fixed");
      ChunkOutcome alone;
      ChunkOutcome sideBySide;
      try (ChunkSegmenter one = new ChunkSegmenter(model, model.newSegmenter(), 8, Clock.systemUTC(), new FrameWorkers(1));
          ChunkSegmenter three = new ChunkSegmenter(model, model.newSegmenter(), 8, Clock.systemUTC(), new FrameWorkers(3))) {
        alone = one.segment(chunk, one.decode(chunk), plan);
        sideBySide = three.segment(chunk, three.decode(chunk), plan);
      }
      assertThat(sideBySide.frames()).hasSameSizeAs(alone.frames()).hasSize(10);
      for (int i = 0; i < 10; i++) {
        SegmentedFrame a = alone.frames().get(i);
        SegmentedFrame b = sideBySide.frames().get(i);
        assertThat(b.cost().getFrameIndex()).isEqualTo(a.cost().getFrameIndex());
        assertThat(b.cost().getBatchSize()).isEqualTo(8 - 6 * (i / 8));
        assertThat(b.mask().getMask()).as("level %d, frame %d", level, i).isEqualTo(a.mask().getMask());
        assertThat(b.mask().getClassFractions()).isEqualTo(a.mask().getClassFractions());
        assertThat(b.cost().getUpsampleMs()).isPositive();
        assertThat(b.cost().getEncodeMs()).isPositive();
      }
    }
  }

  @Test
  void shouldAskForAPlanBeforeEveryBatchAndRecordEachFrameAtTheLevelAndStrideItWasProcessedAt() throws Exception {
    List<Integer> framesLeftAsked = new ArrayList<>();
    List<int[]> observed = new ArrayList<>(); // {level, processed}
    BatchPlanner planner = new BatchPlanner() {
      @Override
      public FramePlan next(int framesLeft) {
        framesLeftAsked.add(framesLeft);
        // the first batch at the top level, then the controller steps down to level 2 at stride 2
        return framesLeftAsked.size() == 1 ? plan() : new FramePlan(2, 2, 0, 0, 0, 10, 1.0, 1, "adaptive");
      }

      @Override
      public void done(FramePlan plan, int processed, double serviceMsPerFrame, double decodeMsPerFrame, List<Double> ious) {
        assertThat(serviceMsPerFrame).isGreaterThanOrEqualTo(decodeMsPerFrame);
        observed.add(new int[] {plan.level(), processed});
      }
    };
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, 4, Clock.systemUTC())) {
      ChunkOutcome outcome = segmenter.segment(chunk, segmenter.decode(chunk), planner);

      assertThat(framesLeftAsked).containsExactly(10, 6);
      assertThat(observed).extracting(o -> o[0] + ":" + o[1]).containsExactly("0:4", "2:3");
      long first = chunk.getFirstFrameIndex();
      assertThat(outcome.frames()).hasSize(10).allSatisfy(f -> {
        long i = f.cost().getFrameIndex() - first;
        assertThat(f.cost().getLevel()).as("frame %d", i).isEqualTo(i < 4 ? 0 : 2);
        assertThat(f.cost().getStride()).as("frame %d", i).isEqualTo(i < 4 ? 1 : 2);
        assertThat(f.skipped()).as("frame %d", i).isEqualTo(i >= 4 && f.cost().getFrameIndex() % 2 != 0);
        assertThat(f.cost().getBatchSize()).as("frame %d", i).isEqualTo(i < 4 ? 4 : f.skipped() ? 0 : 3);
      });
    }
  }

  @Test
  void shouldHalveTheBatchWhenTheHeapRunsOutAndTurnAFrameThatCannotFitIntoAnException() throws Exception {
    List<Integer> attempted = new ArrayList<>();
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, new FailingAbove(model.newSegmenter(), 2, attempted, null), 8,
        Clock.systemUTC())) {
      assertThat(segmenter.segment(chunk, segmenter.decode(chunk), plan()).frames()).hasSize(10);
      assertThat(attempted).startsWith(8, 4, 2);
    }
    // an Error would pass every handler and stop the instance: one frame that cannot fit is a failed chunk
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, new FailingAbove(model.newSegmenter(), 0, new ArrayList<>(), null), 8,
        Clock.systemUTC())) {
      assertThatThrownBy(() -> segmenter.segment(chunk, segmenter.decode(chunk), plan()))
          .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(OutOfMemoryError.class);
    }
  }

  @Test
  void shouldLetAFailureThatASmallerBatchCannotHelpThrough() throws Exception {
    try (ChunkSegmenter segmenter = new ChunkSegmenter(model, new FailingAbove(model.newSegmenter(), 2, new ArrayList<>(),
        "Invalid input shape"), 8, Clock.systemUTC())) {
      assertThatThrownBy(() -> segmenter.segment(chunk, segmenter.decode(chunk), plan())).hasRootCauseMessage("Invalid input shape");
    }
  }

  private static FramePlan plan() {
    return new FramePlan(0, 1, 0, 0, 0, 10, 1.0, 1, "fixed");
  }

  /**
   * The engine's segmenter, failing as told for batches larger than {@code limit}: with
   * {@code message}, or with the heap's {@link OutOfMemoryError} when it is null.
   */
  private record FailingAbove(Segmenter real, int limit, List<Integer> attempted, String message) implements Segmenter {
    @Override
    public dev.resolute.inference.Logits infer(float[] input, int batch, int height, int width) {
      attempted.add(batch);
      if (batch > limit && message == null) {
        throw new OutOfMemoryError("Java heap space");
      }
      if (batch > limit) {
        throw new IllegalStateException("inference failed", new RuntimeException(message));
      }
      return real.infer(input, batch, height, width);
    }

    @Override
    public int classes() {
      return real.classes();
    }

    @Override
    public String engine() {
      return real.engine();
    }

    @Override
    public String device() {
      return real.device();
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
