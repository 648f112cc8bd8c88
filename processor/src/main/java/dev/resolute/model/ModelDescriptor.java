package dev.resolute.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the processor must know about an ONNX segmentation model beyond its graph: how to feed it
 * and how to read its output. Stored as JSON next to the model file ({@code model.json}); fields
 * added after the first release are optional there, so older descriptors still load.
 *
 * @param id short stable name, carried in every mask
 * @param inputName graph input, NCHW float32
 * @param outputName graph output, NCHW float32, read as {@code outputKind} says
 * @param colourOrder channel order the network expects, {@code RGB} or {@code BGR}
 * @param scale per-channel factor applied to the 0..255 pixel value
 * @param offset per-channel value added after scaling: {@code input = pixel * scale + offset}
 * @param classNames output classes, in order (for {@code PROBABILITY}: background, then foreground)
 * @param sizeMultiple inference height and width are rounded to a multiple of this
 * @param ladder resolution levels as fractions of the source size, highest quality first
 * @param outputKind how the output reads; {@code LOGITS} when absent
 * @param nativeSize the size the network was trained or exported at, if known (reports use it as
 *     the default source size)
 * @param source where the weights come from, for people (optional)
 * @param licence licence of the weights, as an SPDX id or a sentence (optional)
 * @param upsample how the logits are brought to the source size; {@code bilinear} when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(
    String id,
    String inputName,
    String outputName,
    String colourOrder,
    List<Float> scale,
    List<Float> offset,
    List<String> classNames,
    int sizeMultiple,
    List<Double> ladder,
    OutputKind outputKind,
    ImageSize nativeSize,
    String source,
    String licence,
    UpsampleMethod upsample) {

  public static final String FILE_NAME = "model.json";
  /** Masks carry one byte per pixel: a class index past 255 would wrap onto another class. */
  public static final int MAX_CLASSES = 256;
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
    require(classNames.size() <= MAX_CLASSES, "model " + id + ": " + classNames.size() + " classNames, but masks hold a class in 8 bits: "
        + "at most " + MAX_CLASSES + " classes (merge or drop classes in the export)");
    require(sizeMultiple >= 1, "model " + id + ": sizeMultiple must be >= 1, got " + sizeMultiple);
    require(ladder != null && !ladder.isEmpty(), "model " + id + ": ladder needs at least one level");
    for (double level : ladder) {
      require(level > 0 && level <= 1, "model " + id + ": ladder levels are fractions in (0, 1], got " + level);
    }
    outputKind = outputKind == null ? OutputKind.LOGITS : outputKind;
    upsample = upsample == null ? UpsampleMethod.BILINEAR : upsample;
    require(outputKind != OutputKind.PROBABILITY || classNames.size() == 2,
        "model " + id + ": outputKind PROBABILITY needs exactly 2 classNames (background, then foreground), got " + classNames);
    scale = List.copyOf(scale);
    offset = List.copyOf(offset);
    classNames = List.copyOf(classNames);
    ladder = List.copyOf(ladder);
  }

  /** A descriptor that upsamples bilinearly, as the paper does. */
  public ModelDescriptor(String id, String inputName, String outputName, String colourOrder, List<Float> scale,
      List<Float> offset, List<String> classNames, int sizeMultiple, List<Double> ladder, OutputKind outputKind,
      ImageSize nativeSize, String source, String licence) {
    this(id, inputName, outputName, colourOrder, scale, offset, classNames, sizeMultiple, ladder, outputKind, nativeSize,
        source, licence, null);
  }

  /** The same model, its logits upsampled another way. */
  public ModelDescriptor withUpsample(UpsampleMethod method) {
    return new ModelDescriptor(id, inputName, outputName, colourOrder, scale, offset, classNames, sizeMultiple, ladder,
        outputKind, nativeSize, source, licence, method);
  }

  /** A logits model with no provenance recorded: the descriptor as it was first released. */
  public ModelDescriptor(String id, String inputName, String outputName, String colourOrder, List<Float> scale,
      List<Float> offset, List<String> classNames, int sizeMultiple, List<Double> ladder) {
    this(id, inputName, outputName, colourOrder, scale, offset, classNames, sizeMultiple, ladder,
        OutputKind.LOGITS, null, null, null);
  }

  /** How many channels the output tensor must have for this descriptor. */
  public int outputChannels() {
    return outputKind == OutputKind.PROBABILITY ? 1 : classNames.size();
  }

  public static ModelDescriptor read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ModelDescriptor.class);
    } catch (IOException e) {
      // Jackson wraps what the compact constructor says; that sentence is the useful part
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ModelLoadException invalid) {
          throw new ModelLoadException("model descriptor " + file + ": " + invalid.getMessage(), e);
        }
      }
      throw new ModelLoadException("cannot read model descriptor " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    AtomicWrite.write(file, out -> JSON.writeValue(out, this));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new ModelLoadException(message, null);
    }
  }
}
