package dev.resolute.testkit.footage.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Which scene frames a clip holds and when, as ticks of a time base: what each writer feeds its
 * encoder, and what {@link CorpusClip#frames()} reports back.
 */
record FrameSchedule(Rational timeBase, long[] sceneIndices, long[] ticks) {

  /** {@code count} frames at a constant rate, one tick of {@code 1/rate} each. */
  static FrameSchedule constant(Rational rate, int count) {
    long[] ticks = new long[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = i;
    }
    return new FrameSchedule(rate.inverse(), ticks.clone(), ticks);
  }

  /**
   * Frames at the given ticks, each showing the scene as it is at that time (scene frame
   * {@code round(t * sceneFps)}), so that where frames are missing the scene has moved on.
   */
  static FrameSchedule at(Rational timeBase, double sceneFps, long... ticks) {
    long[] scene = new long[ticks.length];
    for (int i = 0; i < ticks.length; i++) {
      scene[i] = Math.round(ticks[i] * timeBase.value() * sceneFps);
    }
    return new FrameSchedule(timeBase, scene, ticks.clone());
  }

  /** The frames from {@code first} on, keeping their timestamps. */
  FrameSchedule from(int first) {
    return new FrameSchedule(timeBase, java.util.Arrays.copyOfRange(sceneIndices, first, size()),
        java.util.Arrays.copyOfRange(ticks, first, size()));
  }

  int size() {
    return ticks.length;
  }

  List<WrittenFrame> written() {
    List<WrittenFrame> frames = new ArrayList<>(ticks.length);
    for (int i = 0; i < ticks.length; i++) {
      frames.add(new WrittenFrame(sceneIndices[i], timeBase.micros(ticks[i])));
    }
    return frames;
  }
}
