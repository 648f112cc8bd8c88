package dev.resolute.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {
  @TempDir Path dir;

  @Test
  void shouldReadADescriptorWrittenBeforeOutputKindSourceAndLicenceExisted() throws Exception {
    Path file = Files.writeString(dir.resolve("model.json"), """
        {
          "id": "rgb-segmenter",
          "inputName": "input", "outputName": "logits",
          "colourOrder": "RGB",
          "scale": [0.00392, 0.00392, 0.00392], "offset": [0.0, 0.0, 0.0],
          "classNames": ["background", "red", "green", "blue"],
          "sizeMultiple": 1,
          "ladder": [1.0, 0.75, 0.5, 0.25]
        }
        """);

    ModelDescriptor descriptor = ModelDescriptor.read(file);

    assertThat(descriptor.outputKind()).isEqualTo(OutputKind.LOGITS);
    assertThat(descriptor.outputChannels()).isEqualTo(4);
    assertThat(descriptor.source()).isNull();
    assertThat(descriptor.licence()).isNull();
    assertThat(descriptor.nativeSize()).isNull();
  }

  @Test
  void shouldWriteAndReadBackEveryField() throws Exception {
    ModelDescriptor written = new ModelDescriptor("fg", "in", "out", "BGR", List.of(1f, 2f, 3f), List.of(-1f, 0f, 1f),
        List.of("background", "foreground"), 32, List.of(1.0, 0.5), OutputKind.PROBABILITY, new ImageSize(320, 240),
        "trained here", "MIT");
    written.write(dir.resolve("model.json"));

    ModelDescriptor read = ModelDescriptor.read(dir.resolve("model.json"));

    assertThat(read).isEqualTo(written);
    assertThat(read.outputChannels()).isEqualTo(1);
  }

  @Test
  void shouldLeaveUnknownProvenanceOutOfTheFile() throws Exception {
    new ModelDescriptor("m", "in", "out", "RGB", List.of(1f, 1f, 1f), List.of(0f, 0f, 0f), List.of("a", "b"), 1, List.of(1.0))
        .write(dir.resolve("model.json"));

    assertThat(Files.readString(dir.resolve("model.json"))).contains("\"outputKind\" : \"LOGITS\"")
        .doesNotContain("source", "licence", "nativeSize", "null");
  }

  @Test
  void shouldRefuseAProbabilityModelWithoutExactlyTwoClasses() {
    assertThatThrownBy(() -> new ModelDescriptor("fg", "in", "out", "RGB", List.of(1f, 1f, 1f), List.of(0f, 0f, 0f),
        List.of("background", "person", "car"), 1, List.of(1.0), OutputKind.PROBABILITY, null, null, null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model fg: outputKind PROBABILITY needs exactly 2 classNames (background, then foreground), got [background, person, car]");
  }

  @Test
  void shouldNameTheFileAndTheProblemWhenADescriptorIsInvalid() throws Exception {
    Path file = Files.writeString(dir.resolve("model.json"), """
        {"id": "bad", "inputName": "i", "outputName": "o", "colourOrder": "RGB",
         "scale": [1, 1, 1], "offset": [0, 0, 0], "classNames": ["a", "b", "c"], "sizeMultiple": 1,
         "ladder": [1.0], "outputKind": "PROBABILITY"}
        """);

    assertThatThrownBy(() -> ModelDescriptor.read(file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("model descriptor " + file + ": model bad: outputKind PROBABILITY needs exactly 2 classNames");
  }

  @Test
  void shouldRefuseMoreClassesThanAnEightBitMaskHoldsNamingTheCount() throws Exception {
    List<String> classes = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "c" + i).toList();
    Path file = Files.writeString(dir.resolve("model.json"), """
        {"id": "wide", "inputName": "input", "outputName": "logits", "colourOrder": "RGB",
         "scale": [1, 1, 1], "offset": [0, 0, 0], "sizeMultiple": 1, "ladder": [1.0],
         "classNames": %s}
        """.formatted(classes.stream().map(c -> '"' + c + '"').toList()));

    assertThatThrownBy(() -> ModelDescriptor.read(file)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model wide: 300 classNames").hasMessageContaining("at most 256");
  }

  @Test
  void shouldAcceptExactly256Classes() {
    List<String> classes = java.util.stream.IntStream.range(0, 256).mapToObj(i -> "c" + i).toList();

    assertThat(new ModelDescriptor("full", "in", "out", "RGB", List.of(1f, 1f, 1f), List.of(0f, 0f, 0f), classes, 1, List.of(1.0))
        .outputChannels()).isEqualTo(256);
  }
}
