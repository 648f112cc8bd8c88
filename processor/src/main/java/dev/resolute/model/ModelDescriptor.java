package dev.resolute.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the processor must know about an ONNX segmentation model beyond its graph: how to feed it
 * and how to read its output. Stored as JSON next to the model file ({@code model.json}).
 *
 * @param id short stable name, carried in every mask
 * @param inputName graph input, NCHW float32
 * @param outputName graph output, NCHW float32 logits over {@code classNames}
 * @param colourOrder channel order the network expects, {@code RGB} or {@code BGR}
 * @param scale per-channel factor applied to the 0..255 pixel value
 * @param offset per-channel value added after scaling: {@code input = pixel * scale + offset}
 * @param classNames output channels, in order
 * @param sizeMultiple inference height and width are rounded to a multiple of this
 * @param ladder resolution levels as fractions of the source size, highest quality first
 */
public record ModelDescriptor(
    String id,
    String inputName,
    String outputName,
    String colourOrder,
    List<Float> scale,
    List<Float> offset,
    List<String> classNames,
    int sizeMultiple,
    List<Double> ladder) {

  public static final String FILE_NAME = "model.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ModelDescriptor {
    require(id != null && !id.isBlank(), "id is missing");
    require(inputName != null && outputName != null, "model " + id + ": inputName and outputName are required");
    require("RGB".equals(colourOrder) || "BGR".equals(colourOrder),
        "model " + id + ": colourOrder must be RGB or BGR, got " + colourOrder);
    require(scale != null && scale.size() == 3, "model " + id + ": scale needs 3 values, one per channel");
    require(offset != null && offset.size() == 3, "model " + id + ": offset needs 3 values, one per channel");
    require(classNames != null && classNames.size() >= 2, "model " + id + ": at least 2 classNames are required");
    require(sizeMultiple >= 1, "model " + id + ": sizeMultiple must be >= 1, got " + sizeMultiple);
    require(ladder != null && !ladder.isEmpty(), "model " + id + ": ladder needs at least one level");
    for (double level : ladder) {
      require(level > 0 && level <= 1, "model " + id + ": ladder levels are fractions in (0, 1], got " + level);
    }
    scale = List.copyOf(scale);
    offset = List.copyOf(offset);
    classNames = List.copyOf(classNames);
    ladder = List.copyOf(ladder);
  }

  public static ModelDescriptor read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ModelDescriptor.class);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read model descriptor " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), this);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new ModelLoadException(message, null);
    }
  }
}
