package dev.resolute.app;

import dev.resolute.inference.OnnxModel;
import dev.resolute.control.ControlConfig;
import dev.resolute.metrics.CameraSeries;
import dev.resolute.metrics.CostRecordFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything one processor exports: Kafka Streams' metrics, the engine it runs on, and the
 * per-frame meters fed from its outputs (the controller's state among them).
 */
public final class ProcessorMeters implements AutoCloseable {
  /** How soon a task's Kafka Streams metrics show after the group assigns it. */
  private static final Duration STREAMS_REFRESH = Duration.ofSeconds(5);

  private final ScheduledExecutorService scheduler;
  private final KafkaStreamsMetrics streams;
  private final CostRecordFeed feed;

  private ProcessorMeters(ScheduledExecutorService scheduler, KafkaStreamsMetrics streams, CostRecordFeed feed) {
    this.scheduler = scheduler;
    this.streams = streams;
    this.feed = feed;
  }

  public static ProcessorMeters bind(MeterRegistry registry, ResoluteProcessor processor, ProcessorConfig config, OnnxModel model) {
    Gauge.builder("resolute.engine.info", () -> 1).description("the inference engine and device this instance runs on")
        .tags("model", model.descriptor().id(), "engine", model.engine(), "device", model.device()).register(registry);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "resolute-streams-metrics");
      thread.setDaemon(true);
      return thread;
    });
    KafkaStreamsMetrics streams = processor.streamsMetrics(scheduler, STREAMS_REFRESH);
    streams.bindTo(registry);
    CameraSeries series = processor.cameraSeries();
    FunctionCounter.builder("resolute.camera.series.dropped", series, CameraSeries::refused)
        .description("records whose camera got no series of its own: the cap (" + ControlConfig.CAMERA_SERIES + ") was full "
            + "or the id breaks the camera id rule; their frames count under camera=\"" + CameraSeries.OTHER + "\"")
        .register(registry);
    Gauge.builder("resolute.camera.series", series, CameraSeries::cameras).description("cameras with series of their own")
        .register(registry);
    CostRecordFeed feed = new CostRecordFeed(registry, config.bootstrapServers(), config.kafkaClient(), config.applicationId(),
        series, config.control().idleEviction()).start();
    return new ProcessorMeters(scheduler, streams, feed);
  }

  /** See {@link CostRecordFeed#awaitAssignment}. */
  public boolean awaitFeed(Duration timeout) throws InterruptedException {
    return feed.awaitAssignment(timeout);
  }

  @Override
  public void close() {
    feed.close();
    streams.close();
    scheduler.shutdownNow();
  }
}
