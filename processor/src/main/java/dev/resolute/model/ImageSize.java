package dev.resolute.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A width and height in pixels, written {@code WxH} on the command line. */
public record ImageSize(int width, int height) {
  private static final Pattern WXH = Pattern.compile("(\\d+)[xX](\\d+)");

  public ImageSize {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
  }

  /** Parses {@code 1024x768}; the message names the expected form. */
  public static ImageSize parse(String text) {
    Matcher m = WXH.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size as WIDTHxHEIGHT (e.g. 1024x768), got '" + text + "'");
    }
    try {
      return new ImageSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size " + text + " is too large", e);
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
