package dev.resolute.testkit.broker;

/** A running Kafka cluster that the process owns: started by the project or by Testcontainers. */
public interface KafkaCluster extends AutoCloseable {
  String bootstrapServers();

  @Override
  void close();
}
