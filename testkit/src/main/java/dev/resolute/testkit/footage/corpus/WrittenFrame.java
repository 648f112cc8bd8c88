package dev.resolute.testkit.footage.corpus;

/**
 * One frame as it went into the encoder: which scene frame it shows (its truth is
 * {@code scene.labels(sceneIndex)}) and when, in microseconds from the first frame the encoder saw.
 */
public record WrittenFrame(long sceneIndex, long ptsMicros) {}
