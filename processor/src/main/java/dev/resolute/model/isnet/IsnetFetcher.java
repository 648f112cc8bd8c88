package dev.resolute.model.isnet;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.store.ModelStore;
import dev.resolute.model.OnnxFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code resolute model fetch isnet}: gets ISNet's weights from IMG.LY's npm data package with the
 * machine's npm, joins the model's chunks, rewrites the graph to accept any size (see {@link
 * IsnetGraph}), checks the rewrite on real input and caches {@code model.onnx} and {@code
 * model.json} in the model store. The weights never pass through this project's repository.
 */
public final class IsnetFetcher {
  public static final String PACKAGE = "@imgly/background-removal-data@1.4.5";
  /** The float16 ISNet; {@code /models/small} is a quantised one. */
  static final String RESOURCE = "/models/medium";
  /** Not a power of two in either side, so ceil-mode pooling gives odd sizes on the way down. */
  static final ImageSize OTHER_SIZE = new ImageSize(480, 352);

  private final ModelStore store;
  private final NpmPack npm;
  private final Consumer<String> progress;

  /**
   * What a fetch did; {@code maxAbsDifference} and {@code maskAgreement} (the rewritten graph's
   * against the shipped one's) are NaN when the model was already cached.
   */
  public record Report(Path directory, boolean alreadyPresent, Duration took, int rewrittenResizes,
      double maxAbsDifference, double maskAgreement, ImageSize comparedAt, ImageSize alsoRanAt) {
    public String describeDifference() {
      return ProbabilityAgreement.describe(maxAbsDifference, maskAgreement);
    }
  }

  public IsnetFetcher(ModelStore store, Consumer<String> progress) {
    this(store, new NpmPack(List.of("npm"), Duration.ofMinutes(15)), progress);
  }

  IsnetFetcher(ModelStore store, NpmPack npm, Consumer<String> progress) {
    this.store = store;
    this.npm = npm;
    this.progress = progress;
  }

  /**
   * Fetches once: a cached model is kept unless {@code force}.
   *
   * @param tarball the package's {@code .tgz} downloaded elsewhere, or null to run {@code npm pack}
   */
  public Report fetch(Path tarball, boolean force) {
    long start = System.nanoTime();
    Path target = store.directory(IsnetModel.ID);
    if (!force && ModelStore.isComplete(target)) {
      return new Report(target, true, Duration.ofNanos(System.nanoTime() - start), 0, Double.NaN, Double.NaN,
          null, null);
    }
    Path work;
    try {
      Files.createDirectories(target.getParent());
      // beside the target, so the finished model moves into place in one step
      work = Files.createTempDirectory(target.getParent(), ".fetch-" + IsnetModel.ID + "-");
    } catch (IOException e) {
      throw new ModelLoadException("cannot create a work directory under " + target.getParent() + ": " + e.getMessage(), e);
    }
    try {
      Report report = fetchInto(work, target, tarball);
      return new Report(target, false, Duration.ofNanos(System.nanoTime() - start), report.rewrittenResizes(),
          report.maxAbsDifference(), report.maskAgreement(), report.comparedAt(), report.alsoRanAt());
    } finally {
      deleteRecursively(work);
    }
  }

  private Report fetchInto(Path work, Path target, Path tarball) {
    Path download = work.resolve("download");
    Path unpacked = work.resolve("unpacked");
    Path result = work.resolve("result");
    try {
      Files.createDirectories(download);
      if (tarball == null) {
        progress.accept("npm pack " + PACKAGE + " ...");
        tarball = npm.pack(PACKAGE, download);
      } else if (!Files.isRegularFile(tarball)) {
        throw new ModelLoadException("--package " + tarball + ": no such file", null);
      }
      progress.accept("unpacking " + tarball.getFileName() + " (" + Files.size(tarball) / (1 << 20) + " MiB)");
      PackageArchive.extract(tarball, unpacked);
      Path dist = unpacked.resolve("package").resolve("dist");
      ChunkedResource resource = ChunkedResource.read(dist.resolve("resources.json"), RESOURCE);
      Path joined = work.resolve("shipped.onnx");
      progress.accept("joining " + resource.chunks().size() + " chunks of " + RESOURCE + " (" + resource.size() + " bytes)");
      resource.join(dist, joined);
      deleteRecursively(unpacked);

      ModelProto shipped = OnnxFiles.read(joined);
      IsnetGraph.Prepared prepared = IsnetGraph.prepare(shipped);
      progress.accept("rewrote " + prepared.rewrites().size() + " Resize nodes to take their size from tensor shapes");
      progress.accept("comparing with the shipped graph at " + IsnetModel.NATIVE_SIZE + " ...");
      ProbabilityAgreement.Measured agreement =
          RewriteVerifier.sameAsShipped(shipped, prepared.model(), IsnetModel.NATIVE_SIZE);
      progress.accept(ProbabilityAgreement.describe(agreement.maxAbsDifference(), agreement.maskAgreement())
          + "; running at " + OTHER_SIZE + " ...");
      RewriteVerifier.runsAt(prepared.model(), OTHER_SIZE);

      OnnxFiles.write(prepared.model(), result.resolve(ModelStore.MODEL_FILE));
      IsnetModel.descriptor().write(result.resolve(ModelDescriptor.FILE_NAME));
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      try {
        Files.move(result, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(result, target);
      }
      return new Report(target, false, Duration.ZERO, prepared.rewrites().size(), agreement.maxAbsDifference(),
          agreement.maskAgreement(), IsnetModel.NATIVE_SIZE, OTHER_SIZE);
    } catch (IOException e) {
      throw new ModelLoadException("fetching isnet into " + target + " failed: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
