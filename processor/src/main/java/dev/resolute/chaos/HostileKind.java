package dev.resolute.chaos;

/**
 * The kinds of hostile record a run mixes in with good chunks, and a fragment of the dead-letter
 * reason each must be refused with: a refusal for the wrong reason would hide a check that no
 * longer holds behind one that happens to catch the record.
 */
public enum HostileKind {
  RANDOM_BYTES("not a VideoChunk"),
  TRUNCATED_PAYLOAD("decoded"),
  /** May decode through FFmpeg's concealment: then its frames must come out flagged, or whole. */
  BIT_FLIPPED(""),
  FPS_ZERO("frame rate of 0"),
  FPS_HUGE("frame rate of 1.0E9"),
  FPS_NAN("frame rate of NaN"),
  FRAMES_MAX("MiB decoded"),
  FRAMES_NEGATIVE("declares -"),
  SIZE_HUGE("100000x100000"),
  CAPTURED_1970("not a wall-clock time");

  private final String reasonFragment;

  HostileKind(String reasonFragment) {
    this.reasonFragment = reasonFragment;
  }

  /** Text its dead letter's reason must contain; empty where several reasons are right. */
  public String reasonFragment() {
    return reasonFragment;
  }
}
