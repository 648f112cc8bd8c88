package dev.resolute.metrics;

import dev.resolute.app.DeadLetterReasons;
import dev.resolute.app.DeadLetterTally;
import dev.resolute.schemas.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Dead letters by camera and by reason, the reason in the shape {@link DeadLetterReasons#shape} gives. */
final class DeadLetterMeters {
  /** Longer reasons are cut: a label is for telling causes apart, the letter itself has the rest. */
  private static final int MAX_REASON = 120;
  static final String UNKNOWN_CAMERA = "unknown";

  /** The {@code reason} label of a letter's reason. */
  static String label(String reason) {
    String shape = DeadLetterReasons.shape(reason);
    return shape.length() > MAX_REASON ? shape.substring(0, MAX_REASON) : shape;
  }

  private final MeterRegistry registry;
  private final FrameMeters frames;

  DeadLetterMeters(MeterRegistry registry, FrameMeters frames) {
    this.registry = registry;
    this.frames = frames;
  }

  void record(DeadLetter letter) {
    String camera = letter.getKey() == null ? UNKNOWN_CAMERA : letter.getKey();
    Counter.builder("resolute.dead.letters").description("input records dead-lettered, by reason")
        .tags("camera", camera, "reason", label(letter.getReason())).register(registry).increment();
    frames.deadLettered(camera, DeadLetterTally.framesOf(letter));
  }
}
