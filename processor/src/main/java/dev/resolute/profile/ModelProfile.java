package dev.resolute.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code resolute profile} measured for one model on one clip: {@code profile.json}.
 *
 * @param modelId the descriptor's id
 * @param modelKey the model file's hash and the device, as measured costs are keyed elsewhere
 * @param qualityKind {@code miou} (against labels), {@code agreement} (against level 0) or {@code
 *     none}
 * @param upsampleMethods the methods profiled, in order; the first is the model's own unless told
 * @param rows one per level and method
 */
public record ModelProfile(
    String modelId,
    String modelKey,
    String engine,
    String device,
    String source,
    int sourceWidth,
    int sourceHeight,
    int frames,
    String qualityKind,
    String date,
    List<String> upsampleMethods,
    List<ProfileRow> rows) {

  public static final String FILE_NAME = "profile.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ModelProfile {
    upsampleMethods = List.copyOf(upsampleMethods);
    rows = List.copyOf(rows);
  }

  /** The rows of one method, level 0 first. */
  public List<ProfileRow> rowsOf(String method) {
    return rows.stream().filter(r -> r.upsample().equals(method)).toList();
  }

  @JsonIgnore
  public String sourceSize() {
    return sourceWidth + "x" + sourceHeight;
  }

  public static ModelProfile read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ModelProfile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the profile " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), this);
  }
}
