package dev.resolute.model.regseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.inference.Logits;
import dev.resolute.inference.OnnxModel;
import dev.resolute.inference.Segmenter;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.graph.ParameterCount;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph against the RegSeg paper's published figures for exp48_decoder26 (Table: 3.34M
 * parameters, 39.1 GFLOPs at 1024x2048). The paper's "FLOPs" are multiply-adds (the fvcore
 * convention: one fused multiply-add, one FLOP), so they are compared with the graph's
 * multiply-adds of its convolutions; the graph's own FLOPs (2 per multiply-add) are about twice.
 */
class RegSegGraphTest {
  private static final double PAPER_PARAMETERS = 3.34e6;
  private static final double PAPER_GMACS = 39.1;
  private static ModelProto graph;

  @BeforeAll
  static void build() {
    graph = RegSegGraph.build();
  }

  @Test
  void shouldHaveThePapersParameterCountWithinOnePercent() {
    assertThat((double) ParameterCount.of(graph.getGraph())).isCloseTo(PAPER_PARAMETERS, within(0.01 * PAPER_PARAMETERS));
  }

  @Test
  void shouldCostThePapersFlopsAt1024x2048WithinThreePercent() {
    GraphCost cost = GraphCost.of(graph, 1024, 2048);

    assertThat(cost.uncountedOps()).isEmpty();
    assertThat(cost.gmacs()).isCloseTo(PAPER_GMACS, within(0.03 * PAPER_GMACS));
    assertThat(cost.gflops()).as("2 FLOPs a multiply-add, plus the elementwise ops").isBetween(2 * cost.gmacs(), 2.05 * cost.gmacs());
  }

  @Test
  void shouldCostAQuarterAsMuchAtHalfTheSide() {
    double full = GraphCost.of(graph, 1024, 2048).gmacs();
    double half = GraphCost.of(graph, 512, 1024).gmacs();

    assertThat(half / full).isCloseTo(0.25, within(0.005));
  }

  @Test
  void shouldReturnNineteenClassLogitsAtAQuarterOfTheInputThroughOnnxRuntime(@TempDir Path dir) throws Exception {
    RegSegModel.writeTo(dir);
    try (OnnxModel model = OnnxModel.load(dir); Segmenter segmenter = model.newSegmenter()) {
      float[] input = new float[3 * 128 * 256];
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) Math.sin(i * 0.01);
      }

      Logits logits = segmenter.infer(input, 1, 128, 256);

      assertThat(logits.classes()).isEqualTo(19);
      assertThat(logits.height()).isEqualTo(32);
      assertThat(logits.width()).isEqualTo(64);
      for (float v : logits.values()) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }
}
