package dev.resolute.model.isnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.store.ModelStore;
import dev.resolute.model.OnnxFiles;
import dev.resolute.model.OutputKind;
import dev.resolute.model.graph.TensorSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsnetFetcherTest {
  @TempDir Path dir;
  private final List<String> progress = new ArrayList<>();

  private ModelStore store() {
    return new ModelStore(dir.resolve("cache").resolve("models"));
  }

  private IsnetFetcher fetcher(String... npm) {
    return new IsnetFetcher(store(), new NpmPack(List.of(npm), Duration.ofSeconds(30)), progress::add);
  }

  @Test
  void shouldJoinRewriteCheckAndCacheThePackagedModel() throws Exception {
    Path tarball = FakeDataPackage.write(dir.resolve("data.tgz"), FakeDataPackage.tinyIsnet(), 5);
    // stands in for npm pack: drops the tarball into the directory it runs in
    IsnetFetcher fetcher = fetcher("sh", "-c", "cp '" + tarball + "' ./imgly-background-removal-data-1.4.5.tgz", "npm");

    IsnetFetcher.Report report = fetcher.fetch(null, false);

    Path cached = store().directory("isnet");
    assertThat(report.directory()).isEqualTo(cached);
    assertThat(report.alreadyPresent()).isFalse();
    assertThat(report.rewrittenResizes()).isEqualTo(1);
    assertThat(report.maxAbsDifference()).isLessThanOrEqualTo(ProbabilityAgreement.MAX_PROBABILITY_DIFFERENCE);
    assertThat(report.maskAgreement()).isGreaterThanOrEqualTo(ProbabilityAgreement.MIN_MASK_AGREEMENT);
    ModelProto model = OnnxFiles.read(cached.resolve("model.onnx"));
    assertThat(TensorSignature.inputs(model.getGraph())).singleElement().hasToString("input float32 [batch, 3, height, width]");
    assertThat(TensorSignature.outputs(model.getGraph())).singleElement().hasToString("output float32 [batch, 1, height, width]");
    ModelDescriptor descriptor = ModelDescriptor.read(cached.resolve("model.json"));
    assertThat(descriptor.outputKind()).isEqualTo(OutputKind.PROBABILITY);
    assertThat(descriptor.classNames()).containsExactly("background", "foreground");
    assertThat(store().resolve("isnet")).isEqualTo(cached);
    assertThat(progress).anyMatch(line -> line.startsWith("joining 5 chunks of /models/medium"));
    assertNoWorkDirectoriesLeft();
  }

  @Test
  void shouldNotFetchAgainWhenTheModelIsCached() throws Exception {
    Path tarball = FakeDataPackage.write(dir.resolve("data.tgz"), FakeDataPackage.tinyIsnet(), 2);
    fetcher("false").fetch(tarball, false);

    IsnetFetcher.Report again = fetcher("false").fetch(null, false);

    assertThat(again.alreadyPresent()).isTrue();
  }

  @Test
  void shouldSayWhatToDoWhenNpmIsMissing() {
    String npm = dir.resolve("no-npm-here").toString();

    assertThatThrownBy(() -> fetcher(npm).fetch(null, false))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("cannot run '" + npm + " pack @imgly/background-removal-data@1.4.5")
        .hasMessageContaining("Install Node.js with npm")
        .hasMessageContaining("--package");
    assertThat(store().directory("isnet")).doesNotExist();
    assertNoWorkDirectoriesLeft();
  }

  @Test
  void shouldPassOnWhatNpmSaidWhenItFails() {
    assertThatThrownBy(() -> fetcher("sh", "-c", "echo 'npm error code ENOTFOUND' >&2; exit 1", "npm").fetch(null, false))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("failed (exit 1): npm error code ENOTFOUND")
        .hasMessageContaining("npm ping");
    assertNoWorkDirectoriesLeft();
  }

  @Test
  void shouldRefuseAPackageWhoseChunkWasAltered() throws Exception {
    ModelProto model = FakeDataPackage.tinyIsnet();
    Path good = FakeDataPackage.write(dir.resolve("good.tgz"), model, 3);
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    PackageArchive.extract(good, unpacked);
    ChunkedResource medium = ChunkedResource.read(unpacked.resolve("package/dist/resources.json"), "/models/medium");
    Path chunk = unpacked.resolve("package/dist").resolve(medium.chunks().get(1).hash());
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[0] ^= 1;
    Files.write(chunk, bytes);

    assertThatThrownBy(() -> medium.join(unpacked.resolve("package/dist"), dir.resolve("joined.onnx")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(medium.chunks().get(1).hash())
        .hasMessageContaining("the download is corrupt");
  }

  private void assertNoWorkDirectoriesLeft() {
    Path models = dir.resolve("cache").resolve("models");
    if (!Files.exists(models)) {
      return;
    }
    try (Stream<Path> entries = Files.list(models)) {
      assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".fetch-"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
