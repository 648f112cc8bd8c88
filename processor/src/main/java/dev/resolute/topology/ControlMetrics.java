package dev.resolute.topology;

import dev.resolute.control.Decision;
import dev.resolute.control.Signals;
import dev.resolute.metrics.CameraSeries;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The controller's state per camera as Kafka Streams metrics (group {@value #GROUP}, tag
 * {@code camera-id}): visible through {@code KafkaStreams#metrics()} and JMX, and so to any
 * exporter that reads those. Only cameras {@link CameraSeries} admits get sensors; the rest are
 * controlled all the same, unseen.
 */
final class ControlMetrics {
  static final String GROUP = "resolute-control";
  private static final String[] NAMES = {
    "level", "stride", "quality-estimate", "desired-replicas", "lag-seconds", "arrival-fps", "backlog-records"
  };

  private final StreamsMetrics metrics;
  private final CameraSeries series;
  private final Map<String, Map<String, Sensor>> sensorsByCamera = new HashMap<>();

  ControlMetrics(StreamsMetrics metrics, CameraSeries series) {
    this.metrics = metrics;
    this.series = series;
  }

  void record(String camera, Decision decision, Signals signals, double quality) {
    Map<String, Sensor> sensors = sensorsByCamera.get(camera);
    if (sensors == null) {
      if (!series.admit(camera, this)) {
        return;
      }
      sensors = register(camera);
      sensorsByCamera.put(camera, sensors);
    }
    sensors.get("level").record(decision.level());
    sensors.get("stride").record(decision.stride());
    sensors.get("quality-estimate").record(quality);
    sensors.get("desired-replicas").record(decision.desiredReplicas());
    sensors.get("lag-seconds").record(signals.lagSeconds());
    sensors.get("arrival-fps").record(signals.arrivalFps());
    sensors.get("backlog-records").record(signals.backlogRecords());
  }

  /** Drops a camera's sensors (and with them its metrics): it has gone quiet. */
  void forget(String camera) {
    Map<String, Sensor> sensors = sensorsByCamera.remove(camera);
    if (sensors != null) {
      sensors.values().forEach(metrics::removeSensor);
      series.release(camera, this);
    }
  }

  /** Drops every camera's sensors: the task closes, and its cameras are another task's now. */
  void forgetAll() {
    new java.util.ArrayList<>(sensorsByCamera.keySet()).forEach(this::forget);
  }

  private Map<String, Sensor> register(String camera) {
    Map<String, Sensor> sensors = new LinkedHashMap<>();
    for (String name : NAMES) {
      Sensor sensor = metrics.addSensor("resolute." + camera + "." + name, Sensor.RecordingLevel.INFO);
      MetricName metricName = new MetricName(name, GROUP, "current " + name + " of the camera's controller", Map.of("camera-id", camera));
      try {
        sensor.add(metricName, new Value());
      } catch (IllegalArgumentException alreadyRegistered) {
        // a task that moved back to this thread registered it before; the sensor still records
      }
      sensors.put(name, sensor);
    }
    return sensors;
  }
}
