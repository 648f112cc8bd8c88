package dev.resolute.model.store;

import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.ModelLoadException;
import dev.resolute.model.RgbSegmenterModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where models live: a user cache directory ({@code $RESOLUTE_CACHE}, else
 * {@code $XDG_CACHE_HOME/resolute}, else {@code ~/.cache/resolute}) with one folder per model
 * under {@code models/}.
 */
public final class ModelStore {
  public static final String GENERATED = "generated";
  public static final String MODEL_FILE = "model.onnx";
  /** Models that {@code resolute model fetch} knows how to get. */
  public static final String ISNET = "isnet";
  /** RegSeg's architecture with deterministic untrained weights, built on first use. */
  public static final String REGSEG = "regseg";

  private final Path root;

  public ModelStore(Path root) {
    this.root = root;
  }

  public static ModelStore userCache() {
    String explicit = System.getenv("RESOLUTE_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return new ModelStore(Path.of(explicit).resolve("models"));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return new ModelStore(base.resolve("resolute").resolve("models"));
  }

  /**
   * Where TensorRT keeps the engines it builds for a model, so they survive restarts. Keyed by the
   * ONNX file's hash, not its folder's name: ONNX Runtime's engine key holds names and shapes but
   * not the weights, so an updated model in the same folder would otherwise reuse stale engines.
   *
   * @param model a model directory or ONNX file, as {@link #resolve} gives it
   */
  public Path engineCache(Path model) {
    Path onnx = Files.isDirectory(model) ? model.resolve(MODEL_FILE) : model;
    String name = (Files.isDirectory(model) ? model : model.getParent()).getFileName().toString();
    return root.resolveSibling("tensorrt-engines").resolve(name + "-" + shortSha256(onnx));
  }

  public static String shortSha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to key its TensorRT engines", e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** Where measured costs per level are kept across restarts, beside the models. */
  public Path costCache() {
    return root.resolveSibling("costs");
  }

  /** The folder a named model is cached in, whether or not it is there yet. */

  public Path directory(String id) {
    return root.resolve(id);
  }

  /** Whether {@code dir} holds a model and its descriptor. */
  public static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(MODEL_FILE)) && Files.isRegularFile(dir.resolve(ModelDescriptor.FILE_NAME));
  }

  /** 1 for {@code generated}, 4 for {@code generated-s4} (logits at 1/4), 0 for any other name. */
  private static int generatedStride(String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:" + GENERATED + "|" + RgbSegmenterModel.ID + ")(?:-s([1-9]\\d?))?")
        .matcher(name);
    return !m.matches() ? 0 : m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
  }

  /**
   * A model directory for a name or a path: {@code generated} (or {@code generated-s4},
   * {@code generated-s8}: its variants with logits at 1/4, 1/8 of the input) writes the built-in test model (cheap,
   * so always afresh); {@code isnet} is the cached download; anything else must be a directory with
   * {@code model.onnx} and {@code model.json}, or an ONNX file with {@code model.json} beside it.
   */
  public Path resolve(String nameOrPath) {
    int stride = generatedStride(nameOrPath);
    if (stride > 0) {
      try {
        return RgbSegmenterModel.writeTo(root.resolve(RgbSegmenterModel.withStride(stride)), stride).getParent();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the generated model under " + root, e);
      }
    }
    if (REGSEG.equals(nameOrPath)) {
      Path dir = root.resolve(REGSEG);
      try {
        // deterministic weights: the file and its hash (which keys measured costs) are the same every time
        if (!isComplete(dir)) {
          dev.resolute.model.regseg.RegSegModel.writeTo(dir);
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the RegSeg graph under " + root, e);
      }
    }
    if (ISNET.equals(nameOrPath)) {
      Path cached = directory(ISNET);
      if (!isComplete(cached)) {
        throw new ModelLoadException("model 'isnet' is not in " + cached + " yet: run ./resolute model fetch isnet", null);
      }
      return cached;
    }
    Path path = Path.of(nameOrPath);
    if (Files.exists(path)) {
      return path;
    }
    Path cached = root.resolve(nameOrPath);
    if (Files.isDirectory(cached)) {
      return cached;
    }
    throw new ModelLoadException("model '" + nameOrPath + "' not found: give 'generated', 'regseg', 'isnet' (after "
        + "./resolute model fetch isnet), a model directory (model.onnx + model.json) or the path of an .onnx file "
        + "with model.json beside it", null);
  }
}
