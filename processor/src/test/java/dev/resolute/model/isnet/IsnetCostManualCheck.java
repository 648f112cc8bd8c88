package dev.resolute.model.isnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.graph.GraphCost;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OnnxFiles;
import dev.resolute.pipeline.InferenceSize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A manual check on the real, fetched ISNet (not part of {@code mvn verify}: its name matches no
 * test pattern, and it needs the download). Run it with
 * {@code mvn -pl processor -am test -Dtest=IsnetCostManualCheck -Dsurefire.failIfNoSpecifiedTests=false
 * -Dresolute.isnet.dir=$HOME/.cache/resolute/models/isnet}.
 */
@EnabledIfSystemProperty(named = "resolute.isnet.dir", matches = ".+")
class IsnetCostManualCheck {

  @Test
  void shouldScaleGflopsWithPixelCountAcrossTheLadder() {
    Path dir = Path.of(System.getProperty("resolute.isnet.dir"));
    ModelProto model = OnnxFiles.read(dir.resolve("model.onnx"));
    ModelDescriptor descriptor = ModelDescriptor.read(dir.resolve("model.json"));

    for (ImageSize source : List.of(new ImageSize(1024, 1024), new ImageSize(1920, 1080), new ImageSize(640, 480))) {
      GraphCost top = null;
      long topPixels = 0;
      for (int level = 0; level < descriptor.ladder().size(); level++) {
        InferenceSize size = InferenceSize.of(descriptor, level, source.width(), source.height());
        GraphCost cost = GraphCost.of(model, size.height(), size.width());
        long pixels = (long) size.width() * size.height();
        assertThat(cost.uncountedOps()).isEmpty();
        if (top == null) {
          top = cost;
          topPixels = pixels;
        }
        double gflopRatio = cost.gflops() / top.gflops();
        double pixelRatio = (double) pixels / topPixels;
        System.out.printf("source %s level %d: %dx%d %.3f GFLOPs %.1f MB, GFLOPs ratio %.4f, pixel ratio %.4f%n", source, level,
            size.width(), size.height(), cost.gflops(), cost.peakActivationBytes() / 1e6, gflopRatio, pixelRatio);
        assertThat(gflopRatio / pixelRatio).isCloseTo(1.0, within(0.02));
      }
    }
  }
}
