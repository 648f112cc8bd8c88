package dev.resolute.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cameras from a config file, one per line: {@code ID URL [option=value ...]}, where options go to
 * FFmpeg for that camera (e.g. {@code rtsp_transport=udp}); blank lines and {@code #} comments are
 * ignored. A bad line fails with its number.
 */
public final class CameraList {
  private CameraList() {}

  public static List<LiveCameraIngest.Spec> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read camera list " + file, e);
    }
    List<LiveCameraIngest.Spec> cameras = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length < 2) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'ID URL [option=value ...]', got '" + dev.resolute.config.Secrets.redact(line) + "'");
      }
      java.util.Optional<String> badId = dev.resolute.schemas.CameraIds.problem(parts[0]);
      if (badId.isPresent()) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + badId.get());
      }
      Map<String, String> options = new HashMap<>();
      for (int p = 2; p < parts.length; p++) {
        int eq = parts[p].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": option '" + parts[p] + "' is not option=value");
        }
        options.put(parts[p].substring(0, eq), parts[p].substring(eq + 1));
      }
      cameras.add(new LiveCameraIngest.Spec(parts[0], parts[1], options));
    }
    return cameras;
  }
}
