package dev.resolute.testkit.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker and controller) in a child JVM, bound to
 * loopback.
 *
 * <p>A separate process, not an in-JVM server, so that a test can kill it with SIGKILL and start it
 * again on the same data directory and ports, exactly as a crashed broker would come back.
 *
 * <p>By default clients connect in plaintext; {@link #startTemporaryWithScram} makes the client
 * listener demand a SCRAM-SHA-256 login instead, as a secured cluster would.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

  static final String IDENTITY_FILE = "resolute-broker.properties";

  private final Path workDir;
  private final int brokerPort;
  private final int controllerPort;
  private final String clusterId;
  private final boolean deleteOnClose;
  /** The one SCRAM user clients must log in as, or null for a plaintext listener. */
  private final Scram scram;
  /** The key and trust stores of a TLS listener, or null. */
  private final Tls tls;
  /** Inter-broker traffic stays plaintext on its own loopback port when clients must log in. */
  private final int internalPort;
  private Process process;
  /**
   * When this JVM ends, its broker goes too: a temporary one at once (its data is deleted anyway),
   * a persistent one with a controlled shutdown, so that its logs need no recovery next time.
   */
  private final Thread reaper = new Thread(() -> {
    if (deleteOnClose()) {
      killQuietly();
    } else {
      stop();
    }
  }, "resolute-broker-reaper");

  private EmbeddedKafkaBroker(Path workDir, int brokerPort, int controllerPort, String clusterId, boolean deleteOnClose,
      Scram scram, int internalPort) {
    this(workDir, brokerPort, controllerPort, clusterId, deleteOnClose, scram, internalPort, null);
  }

  private EmbeddedKafkaBroker(Path workDir, int brokerPort, int controllerPort, String clusterId, boolean deleteOnClose,
      Scram scram, int internalPort, Tls tls) {
    this.tls = tls;
    this.scram = scram;
    this.internalPort = internalPort;
    this.workDir = workDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * As {@link #startTemporary()}, but clients connect over TLS to a listener whose certificate
   * (for 127.0.0.1, made here with the JDK's keytool) only {@link #clientProperties()}'s trust
   * store accepts.
   */
  public static EmbeddedKafkaBroker startTemporaryWithTls() {
    try {
      Path dir = Files.createTempDirectory("resolute-kafka-");
      Tls tls = Tls.generate(dir);
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, freePort(), freePort(), Uuid.randomUuid().toString(), true,
          null, freePort(), tls);
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
    }
  }

  private boolean deleteOnClose() {
    return deleteOnClose;
  }

  /**
   * A broker whose data stays in {@code dir} from one run to the next, for {@code resolute broker}:
   * its cluster id and ports are kept in {@value #IDENTITY_FILE} there, so a restart finds its own
   * logs and its clients find it at the same address.
   *
   * @param port the client port; 0 keeps the one used before (a free one the first time)
   */
  public static EmbeddedKafkaBroker startPersistent(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Path identityFile = dir.resolve(IDENTITY_FILE);
      Properties identity = new Properties();
      if (Files.isRegularFile(identityFile)) {
        try (var in = Files.newInputStream(identityFile)) {
          identity.load(in);
        }
      }
      String clusterId = identity.getProperty("cluster.id", Uuid.randomUuid().toString());
      int brokerPort = port > 0 ? port : Integer.parseInt(identity.getProperty("broker.port", String.valueOf(freePort())));
      int controllerPort = Integer.parseInt(identity.getProperty("controller.port", String.valueOf(freePort())));
      identity.setProperty("cluster.id", clusterId);
      identity.setProperty("broker.port", String.valueOf(brokerPort));
      identity.setProperty("controller.port", String.valueOf(controllerPort));
      try (var out = Files.newOutputStream(identityFile)) {
        identity.store(out, "resolute broker: keep with the data");
      }
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, brokerPort, controllerPort, clusterId, false, null, 0);
      broker.start();
      return broker;
    } catch (IOException | NumberFormatException e) {
      throw new BrokerStartException("cannot use " + dir + " as the broker's data directory: " + e.getMessage());
    }
  }

  /** Starts a broker on free loopback ports in a fresh temporary directory, deleted on close. */
  public static EmbeddedKafkaBroker startTemporary() {
    return startTemporary(null);
  }

  /**
   * As {@link #startTemporary()}, but clients must log in with SASL_PLAINTEXT, SCRAM-SHA-256, as
   * {@code user} with {@code password}; {@link #clientProperties()} has the settings that do.
   */
  public static EmbeddedKafkaBroker startTemporaryWithScram(String user, String password) {
    return startTemporary(new Scram(user, password));
  }

  private static EmbeddedKafkaBroker startTemporary(Scram scram) {
    try {
      Path dir = Files.createTempDirectory("resolute-kafka-");
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, freePort(), freePort(), Uuid.randomUuid().toString(), true,
          scram, scram == null ? 0 : freePort());
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the embedded broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** What a client needs besides bootstrap.servers: nothing, or the SCRAM login. */
  public Map<String, String> clientProperties() {
    if (tls != null) {
      return Map.of("security.protocol", "SSL", "ssl.truststore.location", tls.truststore().toString(),
          "ssl.truststore.password", tls.password(), "ssl.truststore.type", "PKCS12");
    }
    if (scram == null) {
      return Map.of();
    }
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM_MECHANISM,
        "sasl.jaas.config", scram.jaasConfig());
  }

  public Path workDir() {
    return workDir;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the broker process (again) on the same data directory and ports, and waits until it
   * answers. Formatting the storage is skipped when the directory was already formatted.
   */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException("broker already running at " + bootstrapServers());
    }
    Path config = writeConfig();
    List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
        "--ignore-formatted"));
    if (scram != null) {
      // KRaft keeps SCRAM credentials in the metadata log: they go in when the storage is formatted
      format.addAll(List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + scram.user() + ",password=" + scram.password() + "]"));
    }
    runToCompletion(format);
    process = launch(List.of("kafka.Kafka", config.toString()), workDir.resolve("broker.log"));
    Runtime.getRuntime().removeShutdownHook(reaper); // a restart registers it again
    Runtime.getRuntime().addShutdownHook(reaper);
    awaitReady();
    log.info("Kafka broker up at {} (data in {})", bootstrapServers(), workDir);
  }

  /** SIGKILL, as a crash: no controlled shutdown, no flush. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(process, STOP_TIMEOUT);
    }
  }

  /** Controlled shutdown (SIGTERM), escalating to SIGKILL after a timeout. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, STOP_TIMEOUT)) {
      log.warn("broker did not stop within {}; killing it", STOP_TIMEOUT);
      kill();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran: nothing to remove
    }
    if (deleteOnClose) {
      deleteRecursively(workDir);
    }
  }

  private Path writeConfig() {
    Path dataDir = workDir.resolve("data");
    Properties props = new Properties();
    props.putAll(SingleNodeSettings.of(dataDir.toString(), "127.0.0.1:" + controllerPort));
    props.putAll(scram != null ? scramListeners() : tls != null ? tlsListeners() : plaintextListeners());
    Path config = workDir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      props.store(out, "written by Resolute's embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    return config;
  }

  private Map<String, String> plaintextListeners() {
    return Map.of(
        "listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort,
        "inter.broker.listener.name", "PLAINTEXT",
        "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
  }

  private Map<String, String> tlsListeners() {
    return securedListeners("SSL", Map.of(
        "listener.name.ssl.ssl.keystore.location", tls.keystore().toString(),
        "listener.name.ssl.ssl.keystore.password", tls.password(),
        "listener.name.ssl.ssl.key.password", tls.password(),
        "listener.name.ssl.ssl.keystore.type", "PKCS12"));
  }

  private Map<String, String> scramListeners() {
    return securedListeners("SASL_PLAINTEXT", Map.of(
        "sasl.enabled.mechanisms", SCRAM_MECHANISM,
        // the server side of SCRAM needs a login module, though the credentials come from the metadata log
        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
  }

  /** Clients on a secured listener; broker-to-broker traffic plaintext on its own loopback port. */
  private Map<String, String> securedListeners(String protocol, Map<String, String> settings) {
    Map<String, String> listeners = new java.util.HashMap<>(settings);
    listeners.put("listeners", protocol + "://127.0.0.1:" + brokerPort + ",INTERNAL://127.0.0.1:" + internalPort
        + ",CONTROLLER://127.0.0.1:" + controllerPort);
    listeners.put("advertised.listeners", protocol + "://127.0.0.1:" + brokerPort + ",INTERNAL://127.0.0.1:" + internalPort);
    listeners.put("inter.broker.listener.name", "INTERNAL");
    listeners.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT," + protocol + ":" + protocol);
    return listeners;
  }

  private void runToCompletion(List<String> mainAndArgs) {
    Path logFile = workDir.resolve("format.log");
    Process format = launch(mainAndArgs, logFile);
    if (!waitFor(format, START_TIMEOUT) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new BrokerStartException("formatting the broker storage failed; see " + logFile + ":\n" + tail(logFile));
    }
  }

  private Process launch(List<String> mainAndArgs, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms128m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", absoluteClassPath()));
    command.addAll(mainAndArgs);
    try {
      return new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new BrokerStartException("cannot start a JVM for the broker: " + e.getMessage());
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    awaitListening(deadline);
    Properties adminProps = new Properties();
    adminProps.putAll(clientProperties());
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    try (Admin admin = Admin.create(adminProps)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new BrokerStartException("broker process exited with " + process.exitValue() + "; last lines of its log:\n"
              + tail(workDir.resolve("broker.log")));
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          sleepQuietly(200);
        }
      }
    }
    killQuietly();
    throw new BrokerStartException("broker did not answer within " + START_TIMEOUT + "; see " + workDir.resolve("broker.log"));
  }

  /** Waits for the port to accept connections before any Kafka client tries (and logs failures). */
  private void awaitListening(long deadline) {
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort), 500);
        return;
      } catch (IOException notYet) {
        sleepQuietly(200);
      }
    }
  }

  private void killQuietly() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /**
   * This JVM's class path with every entry made absolute: the broker runs in its data directory,
   * where a relative entry ({@code java -jar loadtest/target/resolute-loadtest.jar}) finds nothing.
   */
  private static String absoluteClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted while waiting for the broker");
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }

  private record Scram(String user, String password) {
    String jaasConfig() {
      return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
          + password + "\";";
    }

    @Override
    public String toString() {
      return "Scram[user=" + user + "]";
    }
  }

  /** A self-signed key for 127.0.0.1 and a trust store holding its certificate, both PKCS12. */
  private record Tls(Path keystore, Path truststore, String password) {
    static Tls generate(Path dir) {
      Path keystore = dir.resolve("broker.p12");
      Path truststore = dir.resolve("client-truststore.p12");
      Path certificate = dir.resolve("broker.crt");
      String password = Uuid.randomUuid().toString();
      keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
          "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
          "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
      keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
          "-file", certificate.toString());
      keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype", "PKCS12",
          "-keystore", truststore.toString(), "-storepass", password);
      return new Tls(keystore, truststore, password);
    }

    private static void keytool(String... args) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
      command.addAll(List.of(args));
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new BrokerStartException("keytool " + args[0] + " failed: " + output);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run the JDK's keytool", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrokerStartException("interrupted while making the broker's TLS key");
      }
    }

    @Override
    public String toString() {
      return "Tls[" + keystore + "]";
    }
  }

  /** The broker could not be started; the message says why and where its log is. */
  public static final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
      super(message);
    }
  }
}
