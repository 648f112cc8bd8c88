package dev.resolute.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.resolute.http.BoundedHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The viewer's HTTP side: {@code /} the page, {@code /events} the cameras' state as server-sent
 * events, {@code /state} the same once as JSON, {@code /frame?camera=ID} and {@code /mask?camera=ID}
 * the latest picture's frame (JPEG) and mask (the published PNG, grey value = class index). Every
 * request passes {@link ViewerAccess} first. Bounded: an event stream holds a thread for as long as
 * its page is open, so at most {@link #MAX_STREAMS} run (more get 503 and the browser retries),
 * beside a few threads for the rest.
 */
final class ViewerServer implements AutoCloseable {
  static final int MAX_STREAMS = 16;
  private static final int OTHER_THREADS = 4;
  private static final int QUEUED = 32;
  /** How often an event stream repeats the state when nothing changed, so that a proxy keeps it open. */
  private static final long KEEPALIVE_MS = 5_000;
  /** A change wakes the streams at once; this spaces their events so a busy camera does not flood a page. */
  private static final long MIN_EVENT_GAP_MS = 250;

  private final BoundedHttpServer server;
  private final ViewState state;
  private final ViewerAccess access;
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] page;
  private final String contentPolicy;
  private final AtomicInteger streams = new AtomicInteger();
  private volatile boolean closing;

  private ViewerServer(BoundedHttpServer server, ViewState state, ViewerAccess access, byte[] page) {
    this.server = server;
    this.state = state;
    this.access = access;
    this.page = page;
    // the page's one script by its hash: markup that slipped into the page could run no script of its own
    this.contentPolicy = "default-src 'none'; script-src 'sha256-" + scriptHash(page) + "'; style-src 'unsafe-inline'; "
        + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  /**
   * Serves at {@code address}; {@code token} null for none (only allowed on loopback, which the
   * caller decides), {@code hostNames} further names the Host header may carry.
   */
  static ViewerServer start(ViewState state, InetSocketAddress address, String token, java.util.Collection<String> hostNames)
      throws IOException {
    byte[] page;
    try (InputStream in = ViewerServer.class.getResourceAsStream("viewer.html")) {
      page = in.readAllBytes();
    }
    BoundedHttpServer server = BoundedHttpServer.bind(address, MAX_STREAMS + OTHER_THREADS, QUEUED, "resolute-viewer-http");
    try {
      ViewerServer viewer = new ViewerServer(server, state, ViewerAccess.of(server.address(), token, hostNames), page);
      server.route("/", viewer::route).start();
      return viewer;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  ViewState state() {
    return state;
  }

  InetSocketAddress address() {
    return server.address();
  }

  int threads() {
    return server.threads();
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!access.hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
        send(exchange, 403, "text/plain", "this viewer does not serve that host name".getBytes(StandardCharsets.UTF_8));
        return;
      }
      Map<String, String> query = query(exchange);
      if (access.needsToken() && !authorised(exchange, query)) {
        return;
      }
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      switch (exchange.getRequestURI().getPath()) {
        case "/", "/index.html" -> {
          exchange.getResponseHeaders().set("Content-Security-Policy", contentPolicy);
          send(exchange, 200, "text/html; charset=utf-8", page);
        }
        case "/state" -> send(exchange, 200, "application/json", json.writeValueAsBytes(state.snapshot()));
        case "/events" -> stream(exchange);
        case "/frame" -> picture(exchange, query, "image/jpeg", CameraView.Picture::frameJpeg);
        case "/mask" -> picture(exchange, query, "image/png", CameraView.Picture::maskPng);
        default -> send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** True when the request carries the token (its cookie); otherwise answers it (401, or the cookie and a redirect). */
  private boolean authorised(HttpExchange exchange, Map<String, String> query) throws IOException {
    String given = query.get(ViewerAccess.TOKEN_PARAMETER);
    if (given != null && access.tokenMatches(given)) {
      exchange.getResponseHeaders().add("Set-Cookie", access.setCookie(given));
      exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath()); // the address bar loses the token
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.sendResponseHeaders(303, -1);
      return false;
    }
    if (given == null && access.tokenMatches(access.cookieToken(exchange))) {
      return true;
    }
    send(exchange, 401, "text/plain", ("this viewer needs its token: open the address printed when it started, "
        + "which carries it once (?token=...)").getBytes(StandardCharsets.UTF_8));
    return false;
  }

  private void picture(HttpExchange exchange, Map<String, String> query, String type, Function<CameraView.Picture, byte[]> part)
      throws IOException {
    String id = query.get("camera");
    CameraView camera = id == null ? null : state.find(id);
    CameraView.Picture picture = camera == null ? null : camera.picture();
    if (picture == null) {
      send(exchange, 404, "text/plain", "no picture for that camera".getBytes(StandardCharsets.UTF_8));
      return;
    }
    // the page asks for a version; an older one than the latest is gone, and the latest is what it wants anyway
    exchange.getResponseHeaders().set("X-Resolute-Version", String.valueOf(picture.version()));
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, type, part.apply(picture));
  }

  private void stream(HttpExchange exchange) throws IOException {
    if (streams.incrementAndGet() > MAX_STREAMS) {
      streams.decrementAndGet();
      exchange.getResponseHeaders().set("Retry-After", "10");
      send(exchange, 503, "text/plain", ("at most " + MAX_STREAMS + " pages at once").getBytes(StandardCharsets.UTF_8));
      return;
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long seen = -1;
      while (!closing) {
        out.write(state.event(json));
        out.flush();
        Thread.sleep(MIN_EVENT_GAP_MS);
        seen = state.awaitChange(seen, KEEPALIVE_MS);
      }
    } catch (IOException gone) {
      // the page was closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.decrementAndGet();
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

  private static String scriptHash(byte[] page) {
    String html = new String(page, StandardCharsets.UTF_8);
    int open = html.indexOf("<script>");
    int close = html.indexOf("</script>");
    if (open < 0 || close < open || html.indexOf("<script>", open + 1) >= 0) {
      throw new IllegalStateException("viewer.html must carry exactly one inline <script>");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(html.substring(open + "<script>".length(), close).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closing = true;
    server.close();
  }
}
