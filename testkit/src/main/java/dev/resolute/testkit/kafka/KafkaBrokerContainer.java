package dev.resolute.testkit.kafka;

import dev.resolute.testkit.broker.KafkaCluster;
import dev.resolute.testkit.broker.SingleNodeSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node KRaft broker in a container of {@link KafkaImage}, with the same settings as the
 * embedded broker. The container shares the host's network, listening on free loopback ports: a
 * published port would send every byte through Docker's userland proxy, a process of its own that
 * takes CPU from the tests measuring what the processor sustains on two cores (FairShareIT,
 * ScaleOutIT's take-over time), so that the broker under test would not be the one they deploy.
 */
final class KafkaBrokerContainer extends GenericContainer<KafkaBrokerContainer> implements KafkaCluster {
  private static final String CONFIG = "/opt/kafka/config/server.properties";

  private final int clientPort = freePort();

  KafkaBrokerContainer(String image) {
    super(DockerImageName.parse(image));
    withNetworkMode("host");
    withEnv("CLUSTER_ID", Uuid.randomUuid().toString());
    withCopyToContainer(Transferable.of(serverProperties(freePort(), freePort())), CONFIG);
    // the image was just built here: asking a registry for it would be wrong, and slow
    withImagePullPolicy(name -> false);
    // the broker's warnings, errors and start-up line (its log configuration keeps them few)
    withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(KafkaBrokerContainer.class)));
    waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
  }

  private String serverProperties(int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.putAll(SingleNodeSettings.of("/var/lib/kafka/data", "127.0.0.1:" + controllerPort));
    // clients on one listener, the node's own traffic on another, as a multi-node cluster would have it
    props.put("listeners", "PLAINTEXT://" + bootstrapServers() + ",BROKER://127.0.0.1:" + brokerPort
        + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers() + ",BROKER://127.0.0.1:" + brokerPort);
    props.put("inter.broker.listener.name", "BROKER");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,BROKER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    StringWriter out = new StringWriter();
    try {
      props.store(out, "written by KafkaBrokerContainer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  @Override
  public void close() {
    stop();
  }
}
