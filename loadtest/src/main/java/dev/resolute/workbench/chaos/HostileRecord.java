package dev.resolute.workbench.chaos;

import dev.resolute.testkit.traffic.FrameId;
import java.util.Set;

/**
 * One hostile record as sent: its kind, key and bytes, and the frames it would yield if the
 * processor let it through (only a bit-flipped chunk on a camera of its own may legitimately).
 */
public record HostileRecord(HostileKind kind, String key, byte[] value, Set<FrameId> framesIfDecoded) {}
