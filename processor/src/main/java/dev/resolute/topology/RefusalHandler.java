package dev.resolute.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a send the broker refused: under exactly-once the transaction is lost anyway, and failing
 * ends the stream thread, which the processor replaces (see {@link RefusedOutputs#explains}) so that
 * the tasks come back on a fresh producer. The refused input was already noted by
 * {@link RefusalReportingProducer}, which sees every failed send, not only the first of a task that
 * Kafka Streams hands here. Anything else is answered as Kafka Streams' default handler answers it.
 */
public final class RefusalHandler implements ProductionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RefusalHandler.class);
  private RefusedOutputs refusals;

  @Override
  public void configure(Map<String, ?> configs) {
    Object shared = configs.get(RefusedOutputs.CONFIG);
    if (!(shared instanceof RefusedOutputs given)) {
      throw new IllegalStateException(RefusedOutputs.CONFIG + " must carry the processor's RefusedOutputs, got " + shared);
    }
    this.refusals = given;
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (refusals.attributed(exception)) {
      log.warn("{} refused an output of task {}: {}; its input is dead-lettered when it comes back", record.topic(),
          context.taskId(), exception.toString());
      return Response.fail();
    }
    // as Kafka Streams' default handler: a broker going away is waited out, not a reason to stop
    return exception instanceof RetriableException ? Response.retry() : Response.fail();
  }
}
