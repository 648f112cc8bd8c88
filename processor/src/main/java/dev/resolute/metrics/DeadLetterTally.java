package dev.resolute.metrics;

import dev.resolute.schemas.DeadLetter;
import dev.resolute.schemas.time.ChunkTimeline;
import dev.resolute.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The dead letters of one run's cameras as they arrive: how many, how many frames their chunks
 * held (those frames will never get a mask, so a run waiting for every frame must count them as
 * done), and why they were dead-lettered.
 */
public final class DeadLetterTally {

  private final Predicate<String> ofThisRun;
  private final List<String> reasons = new ArrayList<>();
  private int read;
  private long frames;

  /** @param ofThisRun whether a letter's key (the camera id) is one of this run's cameras */
  public DeadLetterTally(Predicate<String> ofThisRun) {
    this.ofThisRun = ofThisRun;
  }

  /** Files the letters of {@code collected} that came since the last call; the list only grows. */
  public void update(List<DeadLetter> collected) {
    for (; read < collected.size(); read++) {
      DeadLetter letter = collected.get(read);
      if (letter.getKey() != null && ofThisRun.test(letter.getKey())) {
        reasons.add(letter.getReason());
        frames += framesOf(letter);
      }
    }
  }

  public long letters() {
    return reasons.size();
  }

  public long frames() {
    return frames;
  }

  public List<DeadLetterReasons.Group> groups() {
    return DeadLetterReasons.group(reasons);
  }

  /** Frames of the chunk a letter carries; 0 when what it carries is not a chunk. */
  public static long framesOf(DeadLetter letter) {
    ByteBuffer original = letter.getOriginalBytes().duplicate();
    byte[] bytes = new byte[original.remaining()];
    original.get(bytes);
    try {
      return ChunkTimeline.newFrames(Topics.CHUNKS.read(bytes));
    } catch (SerializationException notAChunk) {
      return 0;
    }
  }
}
