package dev.resolute.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a model's logits are brought back to the source size before the argmax. All three use
 * half-pixel centres (PyTorch's align_corners=false): the paper upsamples bilinearly; bicubic is the
 * other smooth choice it leaves open, nearest the cheap floor.
 */
public enum UpsampleMethod {
  BILINEAR,
  BICUBIC,
  NEAREST;

  /** The name used on the command line and in {@code model.json}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static UpsampleMethod parse(String text) {
    return Arrays.stream(values()).filter(m -> m.label().equalsIgnoreCase(text.trim())).findFirst()
        .orElseThrow(() -> new ModelLoadException("upsample must be bilinear, bicubic or nearest, got '" + text + "'", null));
  }
}
