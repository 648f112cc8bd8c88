package dev.resolute.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server, GStreamer's (src/test/resources/rtsp_server.py), serving a live 320x240
 * H.264 test pattern at 10 fps with a keyframe every second, on a free loopback port.
 */
public final class RtspTestServer implements AutoCloseable {
  private final Path script;
  private final int port;
  private Process process;

  private RtspTestServer(Path script, int port) {
    this.script = script;
    this.port = port;
  }

  /** Starts the server; {@code dir} receives its script. */
  public static RtspTestServer start(Path dir) throws IOException {
    Path script = dir.resolve("rtsp_server.py");
    try (InputStream in = RtspTestServer.class.getResourceAsStream("/rtsp_server.py")) {
      Files.copy(in, script);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    RtspTestServer server = new RtspTestServer(script, port);
    server.restart();
    return server;
  }

  public String url() {
    return "rtsp://127.0.0.1:" + port + "/cam";
  }

  /** Kills the server at once, as a crash or a power cut would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts it (again) on the same port. */
  public void restart() throws IOException {
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process started = new ProcessBuilder(python, script.toString(), String.valueOf(port)).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
    String first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    }).completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
    if (!"ready".equals(first)) {
      started.destroyForcibly();
      throw new IllegalStateException("the RTSP server did not start (said: " + first + "); it needs Debian's "
          + "gir1.2-gst-rtsp-server-1.0, python3-gi and gstreamer1.0-plugins-ugly, which .ci/run installs");
    }
    // keep draining its output so that it never blocks on a full pipe
    CompletableFuture.runAsync(() -> out.lines().forEach(line -> { }));
    process = started;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
