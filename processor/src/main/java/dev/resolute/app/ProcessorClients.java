package dev.resolute.app;

import dev.resolute.topology.RefusalReportingProducer;
import dev.resolute.topology.RefusedOutputs;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The processor's Kafka clients: each stream thread's producer reports every failed send to
 * {@link RefusedOutputs}, with or without an instance id, and with one its transactional id is
 * made stable ({@link StableTransactionalIds}).
 */
final class ProcessorClients implements KafkaClientSupplier {
  private final UnaryOperator<String> transactionalIds;
  private final RefusedOutputs refusals;

  /** @param transactionalIds the id a thread's producer uses, from the one Kafka Streams chose */
  ProcessorClients(UnaryOperator<String> transactionalIds, RefusedOutputs refusals) {
    this.transactionalIds = transactionalIds;
    this.refusals = refusals;
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    Map<String, Object> chosen = new HashMap<>(config);
    Object id = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    if (id != null) {
      chosen.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIds.apply(id.toString()));
    }
    return new RefusalReportingProducer(new KafkaProducer<>(chosen, new ByteArraySerializer(), new ByteArraySerializer()), refusals);
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }
}
