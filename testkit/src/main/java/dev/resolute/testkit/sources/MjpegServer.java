package dev.resolute.testkit.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;

/**
 * A camera as cheap and embedded ones serve video: JPEGs as the parts of one endless
 * {@code multipart/x-mixed-replace} HTTP response, at a fixed rate and with no timestamps at all,
 * so the only clock a reader has is when each part arrives.
 */
public final class MjpegServer implements AutoCloseable {
  private static final String BOUNDARY = "resoluteframe";

  private final HttpServer server;
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private final List<byte[]> jpegs;
  private final long periodNanos;
  private volatile boolean closed;

  private MjpegServer(int width, int height, double fps) throws IOException {
    this.jpegs = frames(width, height, 10);
    this.periodNanos = Math.round(1e9 / fps);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/video.mjpg", this::serve);
    server.setExecutor(clients);
    server.start();
  }

  /** A server of 320x240 JPEGs at {@code fps}, until closed. */
  public static MjpegServer start(double fps) throws IOException {
    return new MjpegServer(320, 240, fps);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/video.mjpg";
  }

  private void serve(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      long next = System.nanoTime();
      for (int i = 0; !closed; i++) {
        byte[] jpeg = jpegs.get(i % jpegs.size());
        out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(jpeg);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // paced from the start, not from each write, so the rate holds however long a write took
        next += periodNanos;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    } catch (IOException clientLeft) {
      // the reader hung up: that ends this response, not the server
    }
  }

  /** A square that moves across a gradient, so consecutive frames differ. */
  private static List<byte[]> frames(int width, int height, int count) throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(new Color(40, 90, 160));
      g.fillRect(0, 0, width, height);
      g.setColor(Color.ORANGE);
      g.fillRect(i * (width - 60) / count, height / 3, 60, 60);
      g.dispose();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      if (!ImageIO.write(image, "jpg", bytes)) {
        throw new UncheckedIOException(new IOException("no JPEG writer in this JDK"));
      }
      frames.add(bytes.toByteArray());
    }
    return frames;
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    clients.shutdownNow();
    try {
      clients.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
