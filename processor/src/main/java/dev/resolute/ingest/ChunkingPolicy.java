package dev.resolute.ingest;

import java.time.Duration;

/**
 * How a source is cut into chunks.
 *
 * @param target a chunk closes at the first keyframe at or after this duration
 * @param maxKeyframeGap a source whose keyframes lie further apart than this is re-encoded with
 *     short GOPs instead of stream-copied, because its keyframe-aligned chunks would be too long
 *     (late masks) and too large (message limits)
 * @param maxChunkBytes same reasoning for size: a GOP larger than this forces re-encoding
 */
public record ChunkingPolicy(Duration target, Duration maxKeyframeGap, long maxChunkBytes) {
  public static final ChunkingPolicy DEFAULT = new ChunkingPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 8L << 20);

  public ChunkingPolicy {
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("chunk target duration must be positive, got " + target);
    }
    if (maxKeyframeGap.compareTo(target) < 0) {
      throw new IllegalArgumentException("maxKeyframeGap " + maxKeyframeGap + " is shorter than the target " + target);
    }
    if (maxChunkBytes < 64 * 1024) {
      throw new IllegalArgumentException("maxChunkBytes must be at least 64 KiB, got " + maxChunkBytes);
    }
  }
}
