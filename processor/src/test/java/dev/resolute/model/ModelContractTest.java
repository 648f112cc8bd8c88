package dev.resolute.model;

import dev.resolute.model.graph.TestGraphs;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelContractTest {
  private static final GraphProto FOUR_CHANNEL_LOGITS = RgbSegmenterModel.build().getGraph();

  private static ModelDescriptor describing(int classes, OutputKind kind) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class" + i);
    }
    return new ModelDescriptor("m", RgbSegmenterModel.INPUT, RgbSegmenterModel.OUTPUT, "RGB", List.of(1f, 1f, 1f),
        List.of(0f, 0f, 0f), names, 1, List.of(1.0), kind, null, null, null);
  }

  @Test
  void shouldAcceptADescriptorThatMatchesItsGraph() {
    assertThatCode(() -> ModelContract.check(RgbSegmenterModel.descriptor(), FOUR_CHANNEL_LOGITS)).doesNotThrowAnyException();
  }

  @Test
  void shouldSayHowManyClassesAndChannelsThereAreWhenTheyDisagree() {
    assertThatThrownBy(() -> ModelContract.check(describing(19, OutputKind.LOGITS), FOUR_CHANNEL_LOGITS))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model m: descriptor lists 19 classes, output has 4 channels");
  }

  @Test
  void shouldRefuseAProbabilityDescriptorOnAMultiChannelOutput() {
    assertThatThrownBy(() -> ModelContract.check(describing(2, OutputKind.PROBABILITY), FOUR_CHANNEL_LOGITS))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model m: outputKind PROBABILITY needs a 1-channel output, output 'logits' has 4 channels");
  }

  @Test
  void shouldListTheGraphsNamesWhenTheDescriptorNamesOthers() {
    ModelDescriptor wrongNames = new ModelDescriptor("m", "image", "scores", "RGB", List.of(1f, 1f, 1f), List.of(0f, 0f, 0f),
        RgbSegmenterModel.CLASSES, 1, List.of(1.0));

    assertThatThrownBy(() -> ModelContract.check(wrongNames, FOUR_CHANNEL_LOGITS))
        .hasMessage("model m: descriptor names input 'image' and output 'scores', the graph has inputs [input] and outputs [logits]");
  }

  @Test
  void shouldRefuseAGraphThatDoesNotTakeThreeChannels() {
    GraphProto grey = TestGraphs.graph().input("input", -1, 1, -1, -1).output("logits", -1, 4, -1, -1).model().getGraph();

    assertThatThrownBy(() -> ModelContract.check(RgbSegmenterModel.descriptor(), grey))
        .hasMessage("model rgb-segmenter: input 'input' has 1 channels, the processor feeds 3 (RGB)");
  }

  @Test
  void shouldRefuseAGraphWhoseInputSizeIsFixedNamingTheSize() {
    GraphProto fixed = TestGraphs.graph().input("input", 1, 3, 320, 320).output("logits", 1, 4, 80, 80).model().getGraph();

    assertThatThrownBy(() -> ModelContract.check(RgbSegmenterModel.descriptor(), fixed))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model rgb-segmenter: input 'input' is fixed at 320x320 (height x width), but the ladder [1.0, 0.75, 0.5, 0.25] "
            + "changes the inference size with the level and the source size; export it with dynamic height and width");
  }

  @Test
  void shouldRefuseAFixedOutputSizeBehindADynamicInput() {
    GraphProto fixedOut = TestGraphs.graph().input("input", -1, 3, -1, -1).output("logits", -1, 4, 128, -1).model().getGraph();

    assertThatThrownBy(() -> ModelContract.check(RgbSegmenterModel.descriptor(), fixedOut))
        .hasMessage("model rgb-segmenter: output 'logits' is fixed at 128xd3 (height x width) while the input size changes with "
            + "the ladder; export it with dynamic height and width");
  }

  @Test
  void shouldRefuseDifferentFixedBatchesOnInputAndOutput() {
    GraphProto batches = TestGraphs.graph().input("input", 1, 3, -1, -1).output("logits", 4, 4, -1, -1).model().getGraph();

    assertThatThrownBy(() -> ModelContract.check(RgbSegmenterModel.descriptor(), batches))
        .hasMessage("model rgb-segmenter: input batch is fixed at 1, output batch at 4; one mask per frame needs them equal");
  }

  @Test
  void shouldAcceptOutputsAtAStrideOfTheInput() {
    assertThatCode(() -> ModelContract.check(RgbSegmenterModel.descriptor(8), RgbSegmenterModel.build(8).getGraph()))
        .doesNotThrowAnyException();
  }
}
