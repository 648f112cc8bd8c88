package dev.resolute.chaos;

/** One frame of one chunk of one camera: the unit that must come out exactly once. */
public record FrameId(String camera, long chunk, long frame) {
  @Override
  public String toString() {
    return camera + "/" + chunk + "#" + frame;
  }
}
