package dev.resolute.model.isnet;

import static dev.resolute.model.graph.TestGraphs.in;
import static dev.resolute.model.graph.TestGraphs.integer;
import static dev.resolute.model.graph.TestGraphs.ints;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.resolute.model.graph.TestGraphs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * An npm tarball laid out like IMG.LY's data package, carrying a tiny ISNet look-alike: exported at
 * 1024x1024 with a traced Resize, extra outputs, and its bytes cut into chunks named by SHA-256.
 */
final class FakeDataPackage {
  private FakeDataPackage() {}

  /** input -> Conv stride 2 -> traced Resize back to 1024x1024 -> Sigmoid = output; plus a side output. */
  static ModelProto tinyIsnet() {
    return TestGraphs.graph()
        .input("input", 1, 3, 1024, 1024)
        .output("output", 1, 1, 1024, 1024)
        .output("1890", 1, 1, 512, 512)
        .weight("stem.w", 1, 3, 3, 3)
        .node("Conv", in("input", "stem.w"), "half", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1))
        .node("Relu", in("half"), "1890")
        .node("Shape", in("half"), "half_shape")
        .constant("zero", 0).constant("two", 2).constant("traced_hw", 1024, 1024)
        .node("Slice", in("half_shape", "zero", "two", "zero"), "half_nc")
        .node("Concat", in("half_nc", "traced_hw"), "sizes", integer("axis", 0))
        .node("Resize", in("half", "", "", "sizes"), "up", TestGraphs.string("mode", "linear"))
        .node("Sigmoid", in("up"), "output")
        .model();
  }

  /** Writes the package with {@code model} as {@code /models/medium}, cut into {@code chunks} pieces. */
  static Path write(Path file, ModelProto model, int chunks) throws Exception {
    byte[] bytes = model.toByteArray();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("package/package.json", "{\"name\": \"@imgly/background-removal-data\"}".getBytes(StandardCharsets.UTF_8));
    StringBuilder medium = new StringBuilder();
    int size = (bytes.length + chunks - 1) / chunks;
    List<String> hashes = new ArrayList<>();
    for (int start = 0; start < bytes.length; start += size) {
      byte[] chunk = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + size));
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chunk));
      hashes.add(hash);
      entries.put("package/dist/" + hash, chunk);
      medium.append(medium.length() == 0 ? "" : ", ").append("{\"hash\": \"").append(hash).append("\", \"offsets\": [")
          .append(start).append(", ").append(start + chunk.length).append("]}");
    }
    String json = "{\"/models/small\": {\"chunks\": [], \"size\": 0},"
        + " \"/models/medium\": {\"chunks\": [" + medium + "], \"size\": " + bytes.length + ", \"mime\": \"application/octet-steam\"}}";
    entries.put("package/dist/resources.json", json.getBytes(StandardCharsets.UTF_8));
    return tgz(file, entries);
  }

  static Path tgz(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (var entry : entries.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(entry.getKey());
        e.setSize(entry.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }
}
