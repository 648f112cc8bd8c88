package dev.resolute.model.isnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.model.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file that IMG.LY's data packages ship cut into chunks: {@code dist/resources.json} maps each
 * resource name to its total size and its chunks in order, each a file in {@code dist/} named by
 * the SHA-256 of its bytes, with its byte range in the whole.
 *
 * @param name resource name in {@code resources.json}, e.g. {@code /models/medium}
 * @param size total bytes
 * @param chunks in the order they join
 */
record ChunkedResource(String name, long size, List<Chunk> chunks) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** A chunk file and the bytes {@code [start, end)} it holds. */
  record Chunk(String hash, long start, long end) {
    Chunk {
      if (!SHA256.matcher(hash).matches()) {
        // the hash becomes a file name: nothing but a digest may get that far
        throw new ModelLoadException("resources.json: chunk name '" + hash + "' is not a SHA-256 digest", null);
      }
      if (start < 0 || end <= start) {
        throw new ModelLoadException("resources.json: chunk " + hash + " has offsets [" + start + ", " + end + ")", null);
      }
    }
  }

  ChunkedResource {
    chunks = List.copyOf(chunks);
    long expected = 0;
    for (Chunk chunk : chunks) {
      if (chunk.start() != expected) {
        throw new ModelLoadException("resources.json: " + name + " chunk " + chunk.hash() + " starts at " + chunk.start()
            + ", the previous chunk ended at " + expected, null);
      }
      expected = chunk.end();
    }
    if (expected != size || chunks.isEmpty()) {
      throw new ModelLoadException("resources.json: " + name + " declares " + size + " bytes, its chunks cover " + expected, null);
    }
  }

  /** Reads the entry {@code name} of a {@code resources.json}. */
  static ChunkedResource read(Path resourcesJson, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(resourcesJson.toFile());
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + resourcesJson + ": " + e.getMessage(), e);
    }
    JsonNode entry = root.get(name);
    if (entry == null) {
      List<String> names = new ArrayList<>();
      root.fieldNames().forEachRemaining(names::add);
      throw new ModelLoadException(resourcesJson + " has no resource " + name + "; it has " + names, null);
    }
    List<Chunk> chunks = new ArrayList<>();
    for (JsonNode chunk : entry.path("chunks")) {
      JsonNode offsets = chunk.path("offsets");
      chunks.add(new Chunk(chunk.path("hash").asText(), offsets.path(0).asLong(-1), offsets.path(1).asLong(-1)));
    }
    return new ChunkedResource(name, entry.path("size").asLong(-1), chunks);
  }

  /**
   * Writes the chunks of {@code dir}, in order, into {@code target}, checking each chunk's length
   * and digest on the way: a truncated or altered chunk fails here, not as a corrupt model later.
   */
  void join(Path dir, Path target) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(target)) {
      for (Chunk chunk : chunks) {
        Path file = dir.resolve(chunk.hash());
        if (!Files.isRegularFile(file)) {
          throw new ModelLoadException(name + ": chunk file " + file + " is missing", null);
        }
        sha256.reset();
        long length = 0;
        try (InputStream in = Files.newInputStream(file)) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
            length += n;
          }
        }
        if (length != chunk.end() - chunk.start()) {
          throw new ModelLoadException(name + ": chunk " + file + " has " + length + " bytes, resources.json says "
              + (chunk.end() - chunk.start()), null);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(chunk.hash())) {
          throw new ModelLoadException(name + ": chunk " + file + " has SHA-256 " + actual + "; the download is corrupt", null);
        }
      }
    }
  }
}
