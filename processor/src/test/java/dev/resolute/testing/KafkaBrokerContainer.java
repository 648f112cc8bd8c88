package dev.resolute.testing;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.resolute.broker.KafkaCluster;
import dev.resolute.broker.SingleNodeSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node KRaft broker in a container of {@link KafkaImage}, with the same settings as the
 * embedded broker. Its configuration goes in once the container runs: only then is the host port
 * known that clients outside must be sent to.
 */
final class KafkaBrokerContainer extends GenericContainer<KafkaBrokerContainer> implements KafkaCluster {
  private static final int CLIENT_PORT = 9092;
  private static final int BROKER_PORT = 9093;
  private static final int CONTROLLER_PORT = 9094;

  KafkaBrokerContainer(String image) {
    super(DockerImageName.parse(image));
    withExposedPorts(CLIENT_PORT);
    withEnv("CLUSTER_ID", Uuid.randomUuid().toString());
    // the image was just built here: asking a registry for it would be wrong, and slow
    withImagePullPolicy(name -> false);
    waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
  }

  @Override
  protected void containerIsStarting(InspectContainerResponse containerInfo) {
    copyFileToContainer(Transferable.of(serverProperties()), "/opt/kafka/config/server.properties");
  }

  private String serverProperties() {
    Properties props = new Properties();
    props.putAll(SingleNodeSettings.of("/var/lib/kafka/data", "127.0.0.1:" + CONTROLLER_PORT));
    // clients outside reach the mapped port; the node talks to itself inside the container
    props.put("listeners", "PLAINTEXT://0.0.0.0:" + CLIENT_PORT + ",BROKER://127.0.0.1:" + BROKER_PORT
        + ",CONTROLLER://127.0.0.1:" + CONTROLLER_PORT);
    props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers() + ",BROKER://127.0.0.1:" + BROKER_PORT);
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

  @Override
  public String bootstrapServers() {
    return getHost() + ":" + getMappedPort(CLIENT_PORT);
  }

  @Override
  public void close() {
    stop();
  }
}
