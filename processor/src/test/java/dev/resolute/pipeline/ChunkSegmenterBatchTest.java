package dev.resolute.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.footage.FootageWriter;
import dev.resolute.footage.SyntheticScene;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.ingest.ChunkingPolicy;
import dev.resolute.ingest.VideoFileChunker;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.schemas.VideoChunk;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real model and engine, behind a segmenter that runs out of native memory above a batch
 * size, as a GPU does when a larger batch no longer fits: the chunk must still be segmented whole,
 * in smaller batches, and a failure that a smaller batch cannot help must still surface.
 */
class ChunkSegmenterBatchTest {
  @TempDir Path dir;
  private OnnxModel model;
  private VideoChunk chunk;

  @BeforeEach
  void setUp() throws Exception {
    model = OnnxModel.load(RgbSegmenterModel.writeTo(dir.resolve("model")));
    Path file = dir.resolve("clip.mkv");
    FootageWriter.write(new SyntheticScene(64, 48, 10), 10, FootageWriter.Codec.FFV1, file);
    List<VideoChunk> chunks = new ArrayList<>();
    new VideoFileChunker(ChunkingPolicy.DEFAULT, Clock.systemUTC()).chunk(file, "cam", null, chunks::add);
    chunk = chunks.get(0);
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
      assertThat(attempted).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
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

  /** The engine's segmenter, failing as told for batches larger than {@code limit}. */
  private record FailingAbove(Segmenter real, int limit, List<Integer> attempted, String message) implements Segmenter {
    @Override
    public dev.resolute.inference.Logits infer(float[] input, int batch, int height, int width) {
      attempted.add(batch);
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
