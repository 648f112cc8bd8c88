package dev.resolute.workbench.chaos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The attacks a run mixes in with good chunks, what each must come to, and for the dead-lettered
 * ones a fragment of the reason each must be refused with: a refusal for the wrong reason would
 * hide a check that no longer holds behind one that happens to catch the record.
 */
public enum HostileKind {
  RANDOM_BYTES(Outcome.DEAD_LETTERED, "not a VideoChunk"),
  TRUNCATED_PAYLOAD(Outcome.DEAD_LETTERED, "decoded"),
  /** May decode through FFmpeg's concealment: then its frames must come out flagged, or whole. */
  BIT_FLIPPED(Outcome.DEAD_LETTERED_OR_DECODED, ""),
  FPS_ZERO(Outcome.DEAD_LETTERED, "frame rate of 0"),
  FPS_HUGE(Outcome.DEAD_LETTERED, "frame rate of 1.0E9"),
  FPS_NAN(Outcome.DEAD_LETTERED, "frame rate of NaN"),
  FRAMES_MAX(Outcome.DEAD_LETTERED, "MiB decoded"),
  FRAMES_NEGATIVE(Outcome.DEAD_LETTERED, "declares -"),
  SIZE_HUGE(Outcome.DEAD_LETTERED, "100000x100000"),
  CAPTURED_1970(Outcome.DEAD_LETTERED, "not a wall-clock time"),
  /**
   * A real chunk whose capture time is 2 h ahead, sent with a current record timestamp: once, the
   * broker refused the output stamped with it, the send failed the transaction, and every restart
   * read the same record and stopped again.
   */
  CAPTURED_2H_AHEAD(Outcome.DEAD_LETTERED, "ahead"),
  /** A real chunk whose last frame time is 2^40 us after its first: 12.7 days inside one chunk. */
  FRAME_SPAN_2_40(Outcome.DEAD_LETTERED, "span"),
  /** A 100 KB camera id, as key and in the header: a label, a file name and a card it must not become. */
  CAMERA_ID_100KB(Outcome.DEAD_LETTERED, "camera id is"),
  /** Good video from a camera named like a property every JavaScript object has: a camera like any other. */
  CAMERA_CONSTRUCTOR(Outcome.MASKED, ""),
  /** Good video from a camera named like the prototype slot of a JavaScript object: a camera like any other. */
  CAMERA_PROTO(Outcome.MASKED, ""),
  /**
   * 1000 distinct, well-formed camera ids on chunks that are not video, sent at once: per-camera
   * meters and viewer state must not grow with ids nobody's chunk was accepted under.
   */
  FORGED_CAMERA_IDS(Outcome.DEAD_LETTERED, "decode"),
  /**
   * Another application on the cluster whose transactional ids start with this one's application
   * id, holding transactions open longer than the session timeout, as slow chunks do.
   */
  SECOND_APPLICATION(Outcome.NOT_FENCED, ""),
  /** SIGTERM (not -9) of the processor while the broker is down, inside a broker restart. */
  SIGTERM_DURING_BROKER_RESTART(Outcome.CLEAN_EXIT, "");

  /** What an attack must come to for the run to pass. */
  public enum Outcome {
    /** The record goes to dead-letters, for a reason containing the fragment. */
    DEAD_LETTERED,
    /** Dead-lettered, or every frame out exactly once (a flipped bit may land where nothing reads it). */
    DEAD_LETTERED_OR_DECODED,
    /** Good video: every frame masked and costed exactly once, never dead-lettered. */
    MASKED,
    /** The other application's transactions all commit. */
    NOT_FENCED,
    /** The processor exits within a bound, with 0 or SIGTERM's 143, and no native crash. */
    CLEAN_EXIT
  }

  /** The ids of {@link #CAMERA_CONSTRUCTOR} and {@link #CAMERA_PROTO}, valid under the camera id rule. */
  public static final String CONSTRUCTOR_ID = "constructor";
  public static final String PROTO_ID = "__proto__";

  private final Outcome outcome;
  private final String reasonFragment;

  HostileKind(Outcome outcome, String reasonFragment) {
    this.outcome = outcome;
    this.reasonFragment = reasonFragment;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Text its dead letter's reason must contain; empty where several reasons are right or none is expected. */
  public String reasonFragment() {
    return reasonFragment;
  }

  /** A record on the chunk topic, as opposed to something done to the processor or beside it. */
  public boolean isRecord() {
    return outcome != Outcome.NOT_FENCED && outcome != Outcome.CLEAN_EXIT;
  }

  /** Records that take turns, one per hostile record sent; the forged ids come all at once instead. */
  public boolean takesTurns() {
    return isRecord() && this != FORGED_CAMERA_IDS;
  }

  /** Every kind, the default of a run. */
  public static Set<HostileKind> all() {
    return EnumSet.allOf(HostileKind.class);
  }

  /** The record kinds of {@code selected} that take turns, in declaration order. */
  public static List<HostileKind> turns(Set<HostileKind> selected) {
    return Arrays.stream(values()).filter(k -> selected.contains(k) && k.takesTurns()).toList();
  }
}
