package dev.resolute.metrics;

import dev.resolute.schemas.FrameCost;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One camera's controller state as of its latest cost record: the level, stride, lag, backlog,
 * arrival rate, quality estimate and desired replicas the controller chose the frame's level with.
 */
final class CameraGauges {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private volatile FrameCost latest;

  CameraGauges(MeterRegistry registry, String camera, FrameCost first) {
    this.registry = registry;
    this.latest = first;
    Tags tags = Tags.of("camera", camera);
    gauge("resolute.level", null, "resolution ladder index of the latest frame, 0 = full resolution", tags, FrameCost::getLevel);
    gauge("resolute.stride", null, "every stride-th frame is segmented", tags, FrameCost::getStride);
    gauge("resolute.lag", "seconds", "how long the latest chunk had waited when its level was chosen", tags,
        c -> c.getLagMsAtDecision() / 1000.0);
    gauge("resolute.backlog", "records", "chunks behind the latest one in its partition", tags, FrameCost::getBacklogRecords);
    gauge("resolute.arrival.rate", "fps", "arriving frames per second (EWMA) as the controller saw them", tags, FrameCost::getArrivalFps);
    gauge("resolute.quality.estimate", null, "estimated IoU of the current level against the top level", tags,
        FrameCost::getQualityEstimate);
    gauge("resolute.desired.replicas", null, "instances that would segment this camera's every frame at the top level", tags,
        FrameCost::getDesiredReplicas);
  }

  void update(FrameCost cost) {
    latest = cost;
  }

  void remove() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void gauge(String name, String unit, String description, Tags tags, ToDoubleFunction<FrameCost> value) {
    meters.add(Gauge.builder(name, this, g -> value.applyAsDouble(g.latest)).baseUnit(unit).description(description).tags(tags)
        .strongReference(true).register(registry));
  }
}
