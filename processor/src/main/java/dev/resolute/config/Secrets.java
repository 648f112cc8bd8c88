package dev.resolute.config;

import java.util.regex.Pattern;

/**
 * The one place credentials are taken out of text meant for people: camera URLs carry a user and
 * password (rtsp://user:password@host/...), and FFmpeg repeats the URL it failed to open in its
 * error, which reaches logs, error lines and reports. Redact whatever is shown, not what is used.
 */
public final class Secrets {
  /** user-info of any scheme://user[:password]@host: everything before the @ of the authority. */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s\"'<>]+@");

  private Secrets() {}

  /** {@code text} with the credentials of every URL in it replaced by {@code ***}. */
  public static String redact(String text) {
    return text == null ? null : URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
  }
}
