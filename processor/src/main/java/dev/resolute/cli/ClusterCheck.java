package dev.resolute.cli;

import dev.resolute.config.KafkaClientConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The start-up check of a cluster: a Kafka client never gives up on a bootstrap address, it logs a
 * warning per reconnect and waits, so a wrong address or password would look like a hang. This
 * turns those cases into one line (a {@link UserError}) within the timeout.
 */
final class ClusterCheck {
  private ClusterCheck() {}

  static void verify(String bootstrapServers, KafkaClientConfig client, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // a plain socket first: "nobody listens" is then told at once, without a Kafka client's retry warnings
    reachable(bootstrapServers, deadline);
    describeCluster(bootstrapServers, client, timeout);
  }

  private static void reachable(String bootstrapServers, long deadline) {
    List<String> failures = new ArrayList<>();
    for (String address : addresses(bootstrapServers)) {
      int colon = address.lastIndexOf(':');
      String host = address.substring(0, colon).replaceAll("^\\[|\\]$", "");
      int port = Integer.parseInt(address.substring(colon + 1));
      long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) Math.min(leftMs, 5_000));
        return;
      } catch (UnknownHostException e) {
        failures.add(address + " (unknown host)");
      } catch (IOException e) {
        failures.add(address + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase()) + ")");
      }
    }
    throw new UserError("no Kafka broker reachable at " + String.join(", ", failures) + "; check --bootstrap-servers");
  }

  private static List<String> addresses(String bootstrapServers) {
    List<String> addresses = new ArrayList<>();
    for (String part : bootstrapServers.split(",")) {
      String address = part.trim();
      if (!address.matches(".+:\\d{1,5}")) {
        throw new UserError("--bootstrap-servers " + bootstrapServers + ": expected HOST:PORT[,HOST:PORT...], got '" + address + "'");
      }
      addresses.add(address);
    }
    return addresses;
  }

  private static void describeCluster(String bootstrapServers, KafkaClientConfig client, Duration timeout) {
    int ms = (int) timeout.toMillis();
    Properties props = client.withBootstrap(bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "resolute-cluster-check");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    // fewer reconnects, so fewer of the client's warnings, when the port answers but not as Kafka
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
    String settings = client.source() == null ? "" : " in " + client.source();
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (KafkaException e) {
      throw new UserError(client.scrub("Kafka client settings" + settings + " rejected: " + rootMessage(e)));
    }
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes().get(ms + 2_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new UserError(client.scrub(explain(e.getCause(), bootstrapServers, settings, client, timeout)));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new UserError(client.scrub(explain(new TimeoutException(), bootstrapServers, settings, client, timeout)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while connecting to Kafka at " + bootstrapServers);
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private static String explain(Throwable e, String servers, String settings, KafkaClientConfig client, Duration timeout) {
    if (e instanceof AuthorizationException) {
      return "Kafka at " + servers + " let us in but refused to describe the cluster: " + e.getMessage();
    }
    if (e instanceof SaslAuthenticationException) {
      return "Kafka at " + servers + " refused the login: " + e.getMessage()
          + " (check sasl.mechanism and the username and password in sasl.jaas.config" + settings + ")";
    }
    if (e instanceof SslAuthenticationException) {
      return "SSL handshake with Kafka at " + servers + " failed: " + rootMessage(e)
          + " (check the ssl.truststore.* settings" + settings + ", and that the listener speaks SSL)";
    }
    if (e instanceof AuthenticationException) {
      return "Kafka at " + servers + " refused the connection: " + rootMessage(e) + " (check the security settings" + settings + ")";
    }
    if (e instanceof TimeoutException) {
      String protocol = client.entries().getOrDefault("security.protocol", "PLAINTEXT");
      return "Kafka at " + servers + " accepted a connection but did not answer within " + timeout.toSeconds()
          + " s; does security.protocol=" + protocol + settings + " match that listener?";
    }
    return "cannot talk to Kafka at " + servers + ": " + rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : e.getMessage() + ": " + message;
  }
}
