package dev.resolute.ingest;

import dev.resolute.schemas.VideoChunk;
import dev.resolute.schemas.time.ChunkTimeline;

/**
 * Where a camera's ingest starts: the next chunk and frame number, and where its source's clock
 * stood at the last frame published (null: nothing to resume, every frame is new).
 */
public record CameraStart(long nextSequence, long nextFrameIndex, ResumePoint resume) {
  public static final CameraStart FRESH = new CameraStart(0, 0, null);

  /** Right after {@code last}, the camera's last chunk on the topic. */
  static CameraStart after(VideoChunk last) {
    return new CameraStart(last.getSequence() + 1, ChunkTimeline.nextFrameIndex(last), ResumePoint.of(last.getSourceClock()));
  }

  @Override
  public String toString() {
    return "chunk " + nextSequence + ", frame " + nextFrameIndex
        + (resume == null ? "" : ", resuming after source time " + resume.lastPts() + " x " + resume.timeBaseNum() + "/"
            + resume.timeBaseDen() + " s");
  }
}
