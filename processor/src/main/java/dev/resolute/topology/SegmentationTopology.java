package dev.resolute.topology;

import dev.resolute.control.ActiveCameras;
import dev.resolute.control.BacklogProbe;
import dev.resolute.control.CameraHistory;
import dev.resolute.control.ControlConfig;
import dev.resolute.control.WarmUpCache;
import dev.resolute.decode.CaptureWindow;
import dev.resolute.pipeline.ChunkSegmenter;
import dev.resolute.schemas.topic.Topic;
import dev.resolute.schemas.topic.Topics;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;

/** Wires chunks in to masks, costs, decisions and dead letters out; holds no image maths of its own. */
public final class SegmentationTopology {
  static final String SOURCE = "chunks";
  static final String SEGMENTER = "segment";
  static final String MASKS_SINK = "masks-out";
  static final String COSTS_SINK = "costs-out";
  static final String DECISIONS_SINK = "decisions-out";
  /** The same decisions again, into the compacted topic that restarts resume from. */
  static final String LAST_DECISIONS_SINK = "last-decisions-out";
  static final String DEAD_LETTERS_SINK = "dead-letters-out";

  private SegmentationTopology() {}

  /**
   * @param segmenters one {@link ChunkSegmenter} per stream task, closed with the task
   * @param backlog end offsets of the chunk topic, for the controller's backlog signal
   * @param history where a camera new to this instance finds its last decision
   */
  public static Topology build(Supplier<ChunkSegmenter> segmenters, ControlConfig control, BacklogProbe backlog,
      ActiveCameras activeCameras, WarmUpCache<ChunkSegmenter> warmUps, CameraHistory history, Clock clock) {
    return build(segmenters, control, backlog, activeCameras, warmUps, history, clock,
        CaptureWindow.skewOnly(CaptureWindow.DEFAULT_MAX_SKEW), new RefusedOutputs());
  }

  /**
   * @param window the capture times the output topics take, read from the cluster at start-up
   * @param refusals inputs whose outputs a broker refused, shared with the production handler
   */
  public static Topology build(Supplier<ChunkSegmenter> segmenters, ControlConfig control, BacklogProbe backlog,
      ActiveCameras activeCameras, WarmUpCache<ChunkSegmenter> warmUps, CameraHistory history, Clock clock,
      CaptureWindow window, RefusedOutputs refusals) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.VIDEO_CHUNKS);
    topology.addProcessor(SEGMENTER, () -> new SegmentChunkProcessor(segmenters, control, backlog, activeCameras, warmUps, history, clock,
        window, refusals), SOURCE);
    sink(topology, MASKS_SINK, Topics.SEGMENTATION_MASKS);
    sink(topology, COSTS_SINK, Topics.COSTS);
    sink(topology, DECISIONS_SINK, Topics.DECISIONS);
    sink(topology, LAST_DECISIONS_SINK, Topics.LAST_DECISIONS);
    sink(topology, DEAD_LETTERS_SINK, Topics.LETTERS);
    return topology;
  }

  private static <V> void sink(Topology topology, String name, Topic<String, V> topic) {
    topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), SEGMENTER);
  }
}
