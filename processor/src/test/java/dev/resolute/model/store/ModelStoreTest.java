package dev.resolute.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.RgbSegmenterModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path root;

  @Test
  void shouldTellTheUserToFetchIsnetWhenItIsNotCached() {
    ModelStore store = new ModelStore(root);

    assertThatThrownBy(() -> store.resolve("isnet"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(root.resolve("isnet").toString())
        .hasMessageEndingWith("run ./resolute model fetch isnet");
  }

  @Test
  void shouldReturnTheCachedIsnetDirectoryOnceBothFilesAreThere() throws Exception {
    ModelStore store = new ModelStore(root);
    Path dir = Files.createDirectories(store.directory("isnet"));
    Files.write(dir.resolve("model.onnx"), new byte[] {1});
    assertThatThrownBy(() -> store.resolve("isnet")).isInstanceOf(ModelLoadException.class);

    Files.writeString(dir.resolve("model.json"), "{}");

    assertThat(store.resolve("isnet")).isEqualTo(dir);
  }

  @Test
  void shouldKeyTensorRtEnginesByTheModelsWeightsNotItsFolderName() throws Exception {
    ModelStore store = new ModelStore(root.resolve("models"));
    Path dir = Files.createDirectories(root.resolve("mine"));
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
    Path before = store.engineCache(dir);

    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 4}); // retrained: same folder, new weights

    assertThat(store.engineCache(dir)).isNotEqualTo(before);
    assertThat(store.engineCache(dir).getFileName().toString()).startsWith("mine-");
    assertThat(store.engineCache(dir.resolve("model.onnx"))).isEqualTo(store.engineCache(dir));
  }

  @Test
  void shouldNeverLetAProcessReadAHalfWrittenGeneratedModelWhileAnotherRewritesIt() throws Exception {
    ModelStore store = new ModelStore(root);
    Path dir = store.resolve("generated");
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 200; i++) {
          store.resolve("generated"); // what every start of a process does
        }
      } catch (RuntimeException e) {
        failures.add(e);
      } finally {
        writing.set(false);
      }
    });
    writer.start();
    int reads = 0;
    while (writing.get()) {
      try {
        assertThat(ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME)).id()).isEqualTo(RgbSegmenterModel.ID);
        assertThat(OnnxFiles.read(dir.resolve("model.onnx")).getGraph().getNodeCount()).isPositive();
        reads++;
      } catch (RuntimeException | AssertionError e) {
        failures.add(e);
        break;
      }
    }
    writer.join();

    assertThat(failures).isEmpty();
    assertThat(reads).isPositive();
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no temporary files left behind")
          .containsExactlyInAnyOrder("model.onnx", ModelDescriptor.FILE_NAME);
    }
  }
}
