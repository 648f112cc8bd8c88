package dev.resolute.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The last line against a secret in a log: everything written to the process's stderr (slf4j's
 * simple logger, stack traces, libraries that print) goes through {@link Secrets#redact} a line at
 * a time. Call sites redact what they print already; this catches the messages nobody foresaw, such
 * as a Kafka or FFmpeg exception that quotes a setting or a URL.
 *
 * <p>Text is held until its line ends, so that a URL is never redacted in halves; a flush without
 * a line end writes what is held (redacted), and a line longer than {@value #MAX_LINE} bytes is
 * written in pieces rather than held without bound.
 */
public final class RedactingLines extends OutputStream {
  static final int MAX_LINE = 64 * 1024;

  private final OutputStream target;
  private final Charset charset;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  RedactingLines(OutputStream target, Charset charset) {
    this.target = target;
    this.charset = charset;
  }

  /** A print stream that redacts each line before it reaches {@code target} (which writes the platform charset, as System.err does). */
  public static PrintStream around(PrintStream target) {
    Charset charset = Charset.defaultCharset();
    return new PrintStream(new RedactingLines(target, charset), true, charset);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n' || line.size() >= MAX_LINE) {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }

  private void emit() throws IOException {
    if (line.size() == 0) {
      return;
    }
    target.write(Secrets.redact(line.toString(charset)).getBytes(charset));
    line.reset();
  }
}
