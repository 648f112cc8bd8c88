package dev.resolute.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The viewer's HTTP side: {@code /} the page, {@code /events} the cameras' state as server-sent
 * events, {@code /state} the same once as JSON, {@code /frame?camera=ID} and {@code /mask?camera=ID}
 * the latest picture's frame (JPEG) and mask (the published PNG, grey value = class index).
 */
final class ViewerServer implements AutoCloseable {
  /** How often an event stream repeats the state when nothing changed, so that a proxy keeps it open. */
  private static final long KEEPALIVE_MS = 5_000;
  /** A change wakes the streams at once; this spaces their events so a busy camera does not flood a page. */
  private static final long MIN_EVENT_GAP_MS = 250;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ViewState state;
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] page;
  private volatile boolean closing;

  private ViewerServer(HttpServer server, ExecutorService executor, ViewState state, byte[] page) {
    this.server = server;
    this.executor = executor;
    this.state = state;
    this.page = page;
  }

  static ViewerServer start(ViewState state, int port) throws IOException {
    byte[] page;
    try (InputStream in = ViewerServer.class.getResourceAsStream("viewer.html")) {
      page = in.readAllBytes();
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    // a thread per open page: each holds its event stream for as long as it is open
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "resolute-viewer-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    ViewerServer viewer = new ViewerServer(server, executor, state, page);
    server.createContext("/", viewer::route);
    server.start();
    return viewer;
  }

  ViewState state() {
    return state;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/", "/index.html" -> send(exchange, 200, "text/html; charset=utf-8", page);
        case "/state" -> send(exchange, 200, "application/json", json.writeValueAsBytes(state.snapshot()));
        case "/events" -> stream(exchange);
        case "/frame" -> picture(exchange, "image/jpeg", CameraView.Picture::frameJpeg);
        case "/mask" -> picture(exchange, "image/png", CameraView.Picture::maskPng);
        default -> send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void picture(HttpExchange exchange, String type, Function<CameraView.Picture, byte[]> part) throws IOException {
    String id = query(exchange).get("camera");
    CameraView camera = id == null ? null : state.find(id);
    CameraView.Picture picture = camera == null ? null : camera.picture();
    if (picture == null) {
      send(exchange, 404, "text/plain", ("no picture for camera " + id).getBytes(StandardCharsets.UTF_8));
      return;
    }
    // the page asks for a version; an older one than the latest is gone, and the latest is what it wants anyway
    exchange.getResponseHeaders().set("X-Resolute-Version", String.valueOf(picture.version()));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, type, part.apply(picture));
  }

  private void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    long seen = -1;
    try {
      while (!closing) {
        out.write(("data: " + json.writeValueAsString(state.snapshot()) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(MIN_EVENT_GAP_MS);
        seen = state.awaitChange(seen, KEEPALIVE_MS);
      }
    } catch (IOException gone) {
      // the page was closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    closing = true;
    server.stop(0);
    executor.shutdownNow(); // ends the event streams' waits
  }
}
