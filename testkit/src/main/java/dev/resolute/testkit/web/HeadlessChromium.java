package dev.resolute.testkit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Debian's {@code chromium}, headless, driven through the DevTools protocol: open a page, wait
 * until a script condition holds, take a screenshot. (The {@code --screenshot} switch alone cannot
 * wait for a page fed by an event stream: it shoots at load, before any event.) Missing chromium
 * fails the test with the command that installs it: CI installs it ({@code .ci/run}), so a green
 * build never means "not looked at".
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Path log;

  private HeadlessChromium(Process process, Path log, String pageSocket) {
    this.process = process;
    this.log = log;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener()).join();
  }

  public static Path binary() {
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new AssertionError("this test needs Debian's chromium to look at the page, and it is not on PATH: "
        + "install it with 'apt-get install -y chromium' (.ci/run does)");
  }

  /** Starts chromium on {@code url} in a {@code width} x {@code height} window, with its profile and log in {@code dir}. */
  public static HeadlessChromium open(String url, int width, int height, Path dir) throws Exception {
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    Path log = dir.resolve("chromium.log");
    // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start
    Process process = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, url)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort"); // chromium writes the port it took here
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("chromium did not open its DevTools port; its log: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.path("type").asText())) {
          return new HeadlessChromium(process, log, target.get("webSocketDebuggerUrl").asText());
        }
      }
      throw new AssertionError("chromium lists no page: " + list);
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Evaluates {@code condition} in the page every 200 ms until it is true; false after {@code seconds}. */
  public boolean await(String condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      ObjectNode params = JSON.createObjectNode().put("expression", condition).put("returnByValue", true);
      if (call("Runtime.evaluate", params).path("result").path("result").path("value").asBoolean(false)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  public BufferedImage screenshot() throws Exception {
    JsonNode reply = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(reply.path("result").path("data").asText())));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.createObjectNode().put("id", id).put("method", method).set("params", params).toString(), true).join();
    JsonNode node = reply.get(30, TimeUnit.SECONDS);
    if (node.has("error")) {
      throw new AssertionError(method + " failed: " + node.get("error") + "; chromium's log: " + Files.readString(log));
    }
    return node;
  }

  /** Replies by id; events (no id) are not needed here. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode node = JSON.readTree(message.toString());
          CompletableFuture<JsonNode> reply = node.has("id") ? pending.remove(node.get("id").asInt()) : null;
          if (reply != null) {
            reply.complete(node);
          }
        } catch (Exception e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        message.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
