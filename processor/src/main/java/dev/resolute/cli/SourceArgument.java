package dev.resolute.cli;

import dev.resolute.config.Secrets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --source PATH|URL}: a video file, or the URL of a live camera. */
public final class SourceArgument {
  /** The schemes live ingest is meant for; FFmpeg reads more, but a typo should not pass as one. */
  static final List<String> CAMERA_SCHEMES = List.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "srt", "udp", "tcp");
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.+");

  private SourceArgument() {}

  /** The camera URL when {@code source} is one; {@code null} when it is a file path. */
  public static String cameraUrl(String source) {
    Matcher url = URL.matcher(source);
    if (!url.matches()) {
      return null;
    }
    String scheme = url.group(1).toLowerCase(Locale.ROOT);
    if (!CAMERA_SCHEMES.contains(scheme)) {
      throw new UserError("--source " + Secrets.redact(source) + ": '" + scheme + "' is not a camera URL scheme; use one of "
          + String.join(", ", CAMERA_SCHEMES) + ", or give a file path");
    }
    return source;
  }
}
