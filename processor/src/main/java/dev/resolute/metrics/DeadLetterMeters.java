package dev.resolute.metrics;

import dev.resolute.schemas.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Dead letters by {@link DeadLetterKind}: a handful of series whatever the letters say. Not by
 * camera: a letter's key is the writer's choice (megabytes of it, or a new one per record), and the
 * processor refused the record, so nothing vouches for it.
 */
final class DeadLetterMeters {
  private final FrameMeters frames;
  private final Map<DeadLetterKind, Counter> counters = new EnumMap<>(DeadLetterKind.class);

  DeadLetterMeters(MeterRegistry registry, FrameMeters frames) {
    this.frames = frames;
    for (DeadLetterKind kind : DeadLetterKind.values()) {
      // all registered up front, so that rate() and alerts see 0 rather than no series
      counters.put(kind, Counter.builder("resolute.dead.letters").description("input records dead-lettered, by kind of failure")
          .tag("reason", kind.label()).register(registry));
    }
  }

  void record(DeadLetter letter) {
    counters.get(DeadLetterKind.of(letter)).increment();
    frames.deadLettered(letter.getKey(), DeadLetterTally.framesOf(letter));
  }
}
