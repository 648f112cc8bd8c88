package dev.resolute.testkit.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A live video source for integration tests: one of the Python/GStreamer servers in the test
 * resources, started on a free loopback port through Debian's python3 and killed, with whatever it
 * started, on close. Each needs the Debian packages that .ci/run installs.
 *
 * <pre>{@code
 * try (LiveSource camera = LiveSource.rtspWithBFrames()) {
 *   grabber = new FFmpegFrameGrabber(camera.url());
 * }
 * }</pre>
 */
public final class LiveSource implements AutoCloseable {
  private static final long READY_SECONDS = 30;

  private final List<String> command;
  private final String script;
  private final Path dir;
  private final String url;
  private Process process;

  private LiveSource(List<String> command, String script, Path dir, String url) {
    this.command = command;
    this.script = script;
    this.dir = dir;
    this.url = url;
  }

  /** rtsp://…/cam: 320x240, 10 fps, H.264 without B-frames, a keyframe every second. */
  public static LiveSource rtsp() throws IOException {
    return start("rtsp_server.py", port -> "rtsp://127.0.0.1:" + port + "/cam");
  }

  /** rtsp://…/cam: 320x240, 25 fps, H.264 main profile with two B-frames, a keyframe every 2 s. */
  public static LiveSource rtspWithBFrames() throws IOException {
    return start("rtsp_server.py", port -> "rtsp://127.0.0.1:" + port + "/cam", "--bframes");
  }

  /** rtsp://…/cam streaming an H.264 MP4's own packets, from its start for each client. */
  public static LiveSource rtspOf(Path mp4) throws IOException {
    return start("rtsp_server.py", port -> "rtsp://127.0.0.1:" + port + "/cam", "--file", mp4.toAbsolutePath().toString());
  }

  /** http://…/playlist.m3u8: live HLS, 2 s MPEG-TS segments of H.264 with B-frames. */
  public static LiveSource hls() throws IOException {
    return start("hls_server.py", port -> "http://127.0.0.1:" + port + "/playlist.m3u8", Arg.SEGMENT_DIR);
  }

  /** As {@link #hls()}, but a stream that has ended: exactly {@code frames} frames, then {@code #EXT-X-ENDLIST}. */
  public static LiveSource hlsEnded(int frames) throws IOException {
    return start("hls_server.py", port -> "http://127.0.0.1:" + port + "/playlist.m3u8", Arg.SEGMENT_DIR, "--frames", frames);
  }

  /** http://…/stream.ts: an endless MPEG-TS of H.264 with B-frames, one encoder per client. */
  public static LiveSource mpegTsOverHttp() throws IOException {
    return start("ts_http_server.py", port -> "http://127.0.0.1:" + port + "/stream.ts");
  }

  public String url() {
    return url;
  }

  /** Kills the server and what it started at once, as a crash or a power cut would; {@link #restart()} brings it back. */
  public void kill() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port and URL. */
  public void restart() throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    awaitReady(process, script, dir);
  }

  /** Ends the server and everything it started (the HTTP MPEG-TS server runs one gst-launch per client). */
  @Override
  public void close() {
    kill();
    deleteRecursively(dir);
  }

  private enum Arg { SEGMENT_DIR }

  private interface UrlOfPort {
    String url(int port);
  }

  private static LiveSource start(String script, UrlOfPort url, Object... extra) throws IOException {
    Path dir = Files.createTempDirectory("live-source-");
    Path copy = dir.resolve(script);
    try (InputStream in = LiveSource.class.getResourceAsStream("/" + script)) {
      if (in == null) {
        throw new IOException("no test resource " + script);
      }
      Files.copy(in, copy);
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(python(), copy.toString(), String.valueOf(port)));
    for (Object arg : extra) {
      command.add(arg == Arg.SEGMENT_DIR ? Files.createDirectory(dir.resolve("segments")).toString() : arg.toString());
    }
    LiveSource source = new LiveSource(List.copyOf(command), script, dir, url.url(port));
    source.restart();
    return source;
  }

  private static void awaitReady(Process process, String script, Path dir) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> said = new ArrayList<>();
    boolean ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals("ready")) {
            return true;
          }
          said.add(line);
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    }).completeOnTimeout(false, READY_SECONDS, TimeUnit.SECONDS).join();
    if (!ready) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      deleteRecursively(dir);
      throw new IOException(script + " did not start (said: " + String.join(" / ", said) + "); it needs Debian's "
          + "python3-gi and GStreamer packages, which .ci/run installs");
    }
    // keep draining its output so that it never blocks on a full pipe
    CompletableFuture.runAsync(() -> out.lines().forEach(line -> { }));
  }

  private static String python() {
    // Debian's, which has the gi bindings; a pyenv or venv python on PATH would not
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
