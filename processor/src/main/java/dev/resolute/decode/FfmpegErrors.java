package dev.resolute.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.resolute.config.Secrets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;

/**
 * Makes JavaCV's FFmpeg exception messages readable: the numeric error code gets FFmpeg's own
 * description, and JavaCV's generic hints ("Has setFormat() been called?") are dropped.
 */
public final class FfmpegErrors {
  private static final Pattern CODE = Pattern.compile("error (-\\d+)");

  private FfmpegErrors() {}

  public static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (String hint : new String[] {" (Has ", " (For more details"}) {
      int at = message.indexOf(hint);
      if (at >= 0) {
        message = message.substring(0, at);
      }
    }
    Matcher code = CODE.matcher(message);
    if (code.find()) {
      try (BytePointer text = new BytePointer(256)) {
        if (av_strerror(Integer.parseInt(code.group(1)), text, 256) == 0) {
          byte[] bytes = new byte[256];
          text.get(bytes);
          int end = 0;
          while (end < bytes.length && bytes[end] != 0) {
            end++;
          }
          message = message + " (" + new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8) + ")";
        }
      }
    }
    return Secrets.redact(message);
  }
}
