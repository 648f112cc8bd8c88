package dev.resolute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.resolute.config.KafkaClientConfig;
import dev.resolute.metrics.MetricsExport;
import dev.resolute.schemas.FrameCost;
import dev.resolute.schemas.serde.AvroSerde;
import dev.resolute.schemas.topic.Topics;
import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.kafka.KafkaTestCluster;
import dev.resolute.topology.TopicSetup;
import dev.resolute.web.LiveViewer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer and {@code /metrics} as the commands start them, on a real broker: private by default,
 * a token beyond loopback, the Host header checked, event streams capped, and one half-open
 * connection holding up no scrape. Requests are written by hand on sockets: an HTTP client library
 * sets the Host header itself, and the point is to send the ones it would not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerExposureIT {
  private static final Pattern TOKEN_URL = Pattern.compile("viewer at (http://([^/]+)/)\\?token=([A-Za-z0-9_-]+) ");

  @TempDir Path dir;
  private KafkaCluster kafka;

  @BeforeAll
  void startBroker() throws Exception {
    kafka = KafkaTestCluster.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicSetup.ensure(admin, 1, (short) 1);
    }
  }

  @AfterAll
  void stopBroker() {
    kafka.close();
  }

  /** An address of this host that is not loopback, if it has one. */
  private static Optional<InetAddress> external() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(nic -> {
      try {
        return nic.isUp() && !nic.isLoopback();
      } catch (SocketException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
  }

  private static ViewerOptions options(String... args) {
    ViewerOptions options = new ViewerOptions();
    new picocli.CommandLine(options).parseArgs(args);
    options.environment = Map.of();
    return options;
  }

  @Test
  void shouldServeTheViewerAndMetricsOnLoopbackOnlyByDefault() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    MetricsOptions metricsOptions = new MetricsOptions();
    new picocli.CommandLine(metricsOptions).parseArgs();
    try (LiveViewer viewer = options().start(0, new PrintStream(console, true, StandardCharsets.UTF_8));
        MetricsExport metrics = metricsOptions.start(0, new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertThat(viewer.address().getAddress().isLoopbackAddress()).as("viewer bound to %s", viewer.address()).isTrue();
      assertThat(metrics.address().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("viewer at http://127.0.0.1:" + viewer.port() + "/\n")
          .contains("metrics at http://127.0.0.1:" + metrics.port().orElseThrow() + "/metrics").doesNotContain("token");
      assertThat(get("127.0.0.1", viewer.port(), "/", "127.0.0.1:" + viewer.port(), null).status()).isEqualTo(200);
      Optional<InetAddress> external = external();
      if (external.isPresent()) { // a host with only loopback has nothing else to reach it by: the bind above is the proof
        for (int port : List.of(viewer.port(), metrics.port().orElseThrow())) {
          assertThatThrownBy(() -> new Socket(external.get(), port).close()).as("port %d on %s", port, external.get())
              .isInstanceOf(ConnectException.class);
        }
      }
    }
  }

  @Test
  void shouldNeedTheTokenBeyondLoopbackThenACookieAndShowTheClusterThroughIt() throws Exception {
    InetAddress address = external().orElse(InetAddress.getLoopbackAddress());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (LiveViewer viewer = options("--viewer-bind", address.isLoopbackAddress() ? "0.0.0.0" : address.getHostAddress())
        .start(0, new PrintStream(console, true, StandardCharsets.UTF_8));
        AutoCloseable following = viewer.follow(kafka.bootstrapServers(), KafkaClientConfig.none())) {
      Matcher printed = TOKEN_URL.matcher(console.toString(StandardCharsets.UTF_8));
      assertThat(printed.find()).as("the console shows the URL with its token: %s", console).isTrue();
      String host = printed.group(2);
      String token = printed.group(3);
      assertThat(host).isEqualTo(address.getHostAddress() + ":" + viewer.port());
      String ip = address.getHostAddress();
      int port = viewer.port();

      assertThat(get(ip, port, "/", host, null).status()).as("no token").isEqualTo(401);
      assertThat(get(ip, port, "/state", host, null).status()).isEqualTo(401);
      assertThat(get(ip, port, "/?token=" + token.substring(1) + "x", host, null).status()).as("a wrong token").isEqualTo(401);
      assertThat(get(ip, port, "/", host, "resolute_viewer_" + port + "=" + token + "x").status()).as("a wrong cookie")
          .isEqualTo(401);

      Reply login = get(ip, port, "/?token=" + token, host, null);
      assertThat(login.status()).isEqualTo(303);
      assertThat(login.header("Location")).isEqualTo("/");
      String cookie = login.header("Set-Cookie");
      assertThat(cookie).startsWith("resolute_viewer_" + port + "=" + token + ";").contains("HttpOnly").contains("SameSite=Strict");
      String pair = cookie.substring(0, cookie.indexOf(';'));
      assertThat(get(ip, port, "/", host, pair).status()).isEqualTo(200);

      publishCost("cam-through-cookie");
      await("the cost record on the page's state").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        publishCost("cam-through-cookie"); // the viewer reads from now on: the first may precede its assignment
        return get(ip, port, "/state", host, pair).body().contains("\"id\":\"cam-through-cookie\"");
      });
    }
  }

  @Test
  void shouldRefuseAHostHeaderThatDoesNotNameTheServer() throws Exception {
    try (LiveViewer loopback = options().start(0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        LiveViewer named = options("--viewer-bind", "127.0.0.1", "--viewer-host", "viewer.example.test")
            .start(0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      int port = loopback.port();
      for (String ok : List.of("localhost:" + port, "127.0.0.1:" + port, "127.0.0.1", "[::1]:" + port, "LOCALHOST")) {
        assertThat(get("127.0.0.1", port, "/state", ok, null).status()).as("Host %s", ok).isEqualTo(200);
      }
      for (String bad : List.of("attacker.example:" + port, "localhost.attacker.example", "127.0.0.1.nip.io", "192.0.2.1", "")) {
        assertThat(get("127.0.0.1", port, "/state", bad, null).status()).as("Host '%s'", bad).isEqualTo(403);
      }
      assertThat(get("127.0.0.1", named.port(), "/state", "viewer.example.test:" + named.port(), null).status())
          .as("a configured name").isEqualTo(200);
    }
  }

  @Test
  void shouldCapEventStreamsAndThreadsWhateverTheClientsDo() throws Exception {
    try (LiveViewer viewer = options().start(0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      int port = viewer.port();
      int threadsBefore = Thread.activeCount();
      List<Socket> clients = new ArrayList<>();
      int streaming = 0;
      int refused = 0;
      try {
        for (int i = 0; i < 300; i++) {
          Socket socket = new Socket("127.0.0.1", port);
          clients.add(socket);
          socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        for (Socket socket : clients) {
          socket.setSoTimeout(20_000);
          String status;
          try {
            status = statusLine(socket.getInputStream());
          } catch (SocketException reset) {
            status = "reset"; // the pool's queue was full: the server closed the connection
          }
          if (status.contains(" 200 ")) {
            streaming++;
          } else {
            refused++;
          }
        }
        int threadsDuring = Thread.activeCount();
        assertThat(streaming).as("event streams open at once").isBetween(1, 16);
        assertThat(refused).isEqualTo(300 - streaming);
        assertThat(threadsDuring - threadsBefore).as("threads the 300 clients took").isLessThanOrEqualTo(16 + 4 + 2);
        // with every stream taken, the page itself still loads
        assertThat(get("127.0.0.1", port, "/", "127.0.0.1", null).status()).isEqualTo(200);
      } finally {
        for (Socket socket : clients) {
          socket.close();
        }
      }
    }
  }

  @Test
  void shouldServeAScrapeWhileAnotherClientHoldsAHalfSentRequest() throws Exception {
    MetricsOptions metricsOptions = new MetricsOptions();
    new picocli.CommandLine(metricsOptions).parseArgs();
    try (MetricsExport metrics = metricsOptions.start(0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      int port = metrics.port().orElseThrow();
      List<Socket> halfOpen = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket socket = new Socket("127.0.0.1", port);
          socket.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
          halfOpen.add(socket);
        }
        Thread.sleep(200); // let the server start reading them
        Reply scrape = get("127.0.0.1", port, "/metrics", "127.0.0.1", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_");
        // the read limit (3 s) closes a request that never ends
        Socket socket = halfOpen.get(0);
        socket.setSoTimeout(30_000);
        assertThat(socket.getInputStream().read()).as("the server closed the half-sent request").isEqualTo(-1);
      } finally {
        for (Socket socket : halfOpen) {
          socket.close();
        }
      }
    }
  }

  @Test
  void shouldTakeTheTokenFromAFileOrTheEnvironmentAndNeverPrintIt() throws Exception {
    String secret = "given-token-0123456789abcdef";
    Path file = Files.writeString(dir.resolve("token"), secret + "\n");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ViewerOptions fromEnv = options("--viewer-bind", "127.0.0.1");
    fromEnv.environment = Map.of(ViewerOptions.TOKEN_ENV, secret);
    try (LiveViewer a = options("--viewer-token-file", file.toString()).start(0, new PrintStream(console, true, StandardCharsets.UTF_8));
        LiveViewer b = fromEnv.start(0, new PrintStream(console, true, StandardCharsets.UTF_8))) {
      for (LiveViewer viewer : List.of(a, b)) {
        assertThat(get("127.0.0.1", viewer.port(), "/", "127.0.0.1", null).status()).as("a given token holds on loopback too")
            .isEqualTo(401);
        assertThat(get("127.0.0.1", viewer.port(), "/?token=" + secret, "127.0.0.1", null).status()).isEqualTo(303);
      }
    }
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    ViewerOptions shortToken = options();
    shortToken.environment = Map.of(ViewerOptions.TOKEN_ENV, "short");
    assertThatThrownBy(() -> shortToken.start(0, System.out)).isInstanceOf(UserError.class).hasMessageContaining(ViewerOptions.TOKEN_ENV)
        .hasMessageNotContaining("short");
  }

  private void publishCost(String camera) {
    FrameCost cost = FrameCost.newBuilder().setCameraId(camera).setChunkSequence(0).setFrameIndex(0).setDecodeMs(1).setResizeMs(1)
        .setInferenceMs(1).setUpsampleMs(1).setEncodeMs(1).setEndToEndLatencyMs(5).setInferenceWidth(8).setInferenceHeight(8)
        .setLevel(0).setGflops(1).setMemoryBytes(1).setLagMsAtDecision(0).setEngine("e").setDevice("cpu").setBatchSize(1)
        .setStride(1).setSkipped(false).build();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.FRAME_COSTS, camera, AvroSerde.of(FrameCost.class).toBytes(cost)));
    }
  }

  record Reply(int status, List<String> headers, String body) {
    String header(String name) {
      return headers.stream().filter(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1))
          .map(h -> h.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }
  }

  /** One request with exactly this Host header (none when empty) and cookie (none when null). */
  private static Reply get(String ip, int port, String path, String host, String cookie) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, port), 5_000);
      socket.setSoTimeout(10_000);
      String request = "GET " + path + " HTTP/1.1\r\n" + (host.isEmpty() ? "" : "Host: " + host + "\r\n")
          + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String reply;
      try {
        reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no whole reply to " + path, e);
      }
      String[] parts = reply.split("\r\n\r\n", 2);
      List<String> lines = List.of(parts[0].split("\r\n"));
      return new Reply(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()), parts.length > 1 ? parts[1] : "");
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }
}
