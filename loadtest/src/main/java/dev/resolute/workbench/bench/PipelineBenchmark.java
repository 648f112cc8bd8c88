package dev.resolute.workbench.bench;

import dev.resolute.decode.ChunkDecodeException;
import dev.resolute.decode.ChunkDecoder;
import dev.resolute.decode.DecodedFrame;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.PictureInput;
import dev.resolute.inference.Segmenter;
import dev.resolute.pipeline.ChunkOutcome;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.pipeline.DecodedChunk;
import dev.resolute.pipeline.FramePlan;
import dev.resolute.pipeline.InferenceSize;
import dev.resolute.pipeline.SegmentedFrame;
import dev.resolute.schemas.VideoChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole frame path against the network alone, in one process: what a demo at {@code --speed
 * max} and a fixed level does to each chunk (decode, segment in batches, serialise the masks and
 * cost records as they would be published), against a bare loop of the same inferences (the same
 * batches of already-prepared inputs, nothing else). Their ratio is how much of the machine the
 * path around the network leaves to the network. {@code streams} runs that many pipelines (or bare
 * loops) at once, as stream threads would, each on its own copy of the chunks.
 */
public final class PipelineBenchmark {

  /**
   * Frames per second of both, best of the repeats.
   *
   * @param steps what the pipeline's cost records say each frame took, on average over its best pass
   */
  public record Result(int level, int width, int height, int frames, int streams, double pipelineFps, double bareFps,
      Steps steps) {
    public double ratio() {
      return pipelineFps / bareFps;
    }
  }

  /** Milliseconds per processed frame, from the cost records the pipeline wrote. */
  public record Steps(double decode, double prepare, double inference, double upsample, double encode) {
    Steps plus(Steps o) {
      return new Steps(decode + o.decode, prepare + o.prepare, inference + o.inference, upsample + o.upsample, encode + o.encode);
    }

    Steps over(double n) {
      return new Steps(decode / n, prepare / n, inference / n, upsample / n, encode / n);
    }

    /**
     * The network's share of the frame by the cost records: what the pipeline-to-bare ratio comes
     * to when nothing else competes for the cores, since the records time each step on its own.
     */
    public double inferenceShare() {
      return inference / (decode + prepare + inference + upsample + encode);
    }
  }

  private final int maxBatch;
  private final int repeats;
  private final int streams;

  public PipelineBenchmark(int maxBatch, int repeats, int streams) {
    if (maxBatch < 1 || repeats < 1 || streams < 1) {
      throw new IllegalArgumentException("need maxBatch, repeats and streams >= 1");
    }
    this.maxBatch = maxBatch;
    this.repeats = repeats;
    this.streams = streams;
  }

  public Result run(OnnxModel model, BenchClip clip, int level) throws Exception {
    List<VideoChunk> chunks = clip.chunks();
    VideoChunk first = chunks.get(0);
    InferenceSize size = InferenceSize.of(model.descriptor(), level, first.getWidth(), first.getHeight());
    int frames = clip.frames() * streams;
    double pipeline = 0;
    double bare = 0;
    Steps steps = null;
    // one segmenter per stream for the whole run, as a stream thread keeps its own
    List<ChunkSegmenter> segmenters = new ArrayList<>();
    try {
      for (int s = 0; s < streams; s++) {
        segmenters.add(new ChunkSegmenter(model, maxBatch, Clock.systemUTC()));
      }
      Steps[] perStream = new Steps[streams];
      Work pipelinePass = s -> perStream[s] = pipelineOnce(segmenters.get(s), chunks, level);
      // warm-up passes first: engine allocations at this shape, JIT, and the upsampling trials
      parallel(pipelinePass);
      for (int pass = 0; pass < 3 && !model.upsampleChooser().settled(size.height(), size.width(), first.getHeight(), first.getWidth()); pass++) {
        parallel(pipelinePass);
      }
      Prepared prepared = prepare(model, chunks, size);
      // the pipeline's warm-up already met this shape: one batch readies the bare loop's predictor
      Prepared firstBatch = new Prepared(prepared.batches().subList(0, 1), prepared.sizes().subList(0, 1));
      parallel(s -> bareOnce(model, firstBatch, size));
      for (int r = 0; r < repeats; r++) {
        // alternated, so that a busy moment on a shared machine falls on both
        bare = Math.max(bare, frames / parallel(s -> bareOnce(model, prepared, size)));
        double fps = frames / parallel(pipelinePass);
        if (fps > pipeline) {
          pipeline = fps;
          Steps sum = new Steps(0, 0, 0, 0, 0);
          for (Steps one : perStream) {
            sum = sum.plus(one);
          }
          steps = sum.over(streams);
        }
      }
    } finally {
      segmenters.forEach(ChunkSegmenter::close);
    }
    return new Result(level, size.width(), size.height(), clip.frames(), streams, pipeline, bare, steps);
  }

  /** Seconds for {@code streams} copies of {@code work} at once. */
  private double parallel(Work work) throws Exception {
    long start = System.nanoTime();
    if (streams == 1) {
      work.run(0);
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(streams);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
          int stream = s;
          running.add(pool.submit(() -> {
            work.run(stream);
            return null;
          }));
        }
        for (Future<?> f : running) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** One stream's share of a pass. */
  private interface Work {
    void run(int stream) throws Exception;
  }

  private static Steps pipelineOnce(ChunkSegmenter segmenter, List<VideoChunk> chunks, int level) throws ChunkDecodeException {
    Steps sum = new Steps(0, 0, 0, 0, 0);
    int frames = 0;
    for (VideoChunk chunk : chunks) {
      DecodedChunk decoded = segmenter.decode(chunk);
      ChunkOutcome outcome = segmenter.segment(chunk, decoded, FramePlan.fixed(level));
      for (SegmentedFrame frame : outcome.frames()) {
        try {
          // what the topology's serdes do before the records go out
          frame.mask().toByteBuffer();
          frame.cost().toByteBuffer();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        var c = frame.cost();
        sum = sum.plus(new Steps(c.getDecodeMs(), c.getResizeMs(), c.getInferenceMs(), c.getUpsampleMs(), c.getEncodeMs()));
        frames++;
      }
    }
    return sum.over(frames);
  }

  /** The pipeline's batches of prepared inputs: the bare loop's input, made before it is timed. */
  private record Prepared(List<float[]> batches, List<Integer> sizes) {}

  private Prepared prepare(OnnxModel model, List<VideoChunk> chunks, InferenceSize size) throws ChunkDecodeException {
    List<float[]> batches = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    int plane = 3 * size.width() * size.height();
    int limit = model.batchLimit(maxBatch);
    ChunkDecoder decoder = new ChunkDecoder();
    try (PictureInput input = new PictureInput(model.descriptor())) {
      for (VideoChunk chunk : chunks) {
        List<DecodedFrame> frames = decoder.decode(chunk);
        for (int from = 0; from < frames.size(); from += limit) {
          int n = Math.min(limit, frames.size() - from);
          float[] batch = new float[n * plane];
          for (int i = 0; i < n; i++) {
            input.prepare(frames.get(from + i).picture(), batch, i, size.width(), size.height());
          }
          batches.add(batch);
          sizes.add(n);
        }
      }
    }
    return new Prepared(batches, sizes);
  }

  /** The same batches as the pipeline's through the network and nothing else. */
  private static void bareOnce(OnnxModel model, Prepared prepared, InferenceSize size) {
    try (Segmenter segmenter = model.newSegmenter()) {
      for (int b = 0; b < prepared.batches().size(); b++) {
        segmenter.infer(prepared.batches().get(b), prepared.sizes().get(b), size.height(), size.width());
      }
    }
  }

  /** A Markdown table of pipeline against bare inference. */
  public static String markdown(String title, List<Result> results) {
    StringBuilder md = new StringBuilder("#### ").append(title).append(": pipeline against bare inference\n\n")
        .append("| level | inference | frames | streams | pipeline frames/s | bare frames/s | ratio "
            + "| pipeline ms/frame: decode, prepare, inference, upsample, encode | inference share |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      Steps s = r.steps();
      md.append(String.format("| %d | %dx%d | %d | %d | %.2f | %.2f | %.2fx | %.1f, %.1f, %.1f, %.1f, %.1f | %.3f |%n", r.level(),
          r.width(), r.height(), r.frames(), r.streams(), r.pipelineFps(), r.bareFps(), r.ratio(), s.decode(), s.prepare(),
          s.inference(), s.upsample(), s.encode(), s.inferenceShare()));
    }
    return md.append('\n').toString();
  }
}
