package dev.resolute.testkit.traffic;

import dev.resolute.schemas.CameraIds;

/** One frame of one chunk of one camera: the unit that must come out exactly once. */
public record FrameId(String camera, long chunk, long frame) {
  /** A forged camera id as it may go into a report: shortened and escaped, not 100 KB of it. */
  @Override
  public String toString() {
    return (CameraIds.valid(camera) ? camera : CameraIds.printable(camera)) + "/" + chunk + "#" + frame;
  }
}
