package dev.resolute.control;

/** Where a camera's controller state is found when this instance has none for it yet. */
@FunctionalInterface
public interface CameraHistory {
  CameraHistory NONE = camera -> null;

  /** The camera's last decision, or null when none is known. */
  LastDecision last(String cameraId);
}
