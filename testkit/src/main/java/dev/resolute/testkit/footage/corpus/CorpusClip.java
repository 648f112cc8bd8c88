package dev.resolute.testkit.footage.corpus;

import dev.resolute.testkit.footage.SyntheticScene;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A clip as written: where it is, the scene its pixels come from, the frames that went into the
 * encoder, and for a damaged clip which bytes are missing (truncated: from the cut to the original
 * end) or garbage (corrupt).
 */
public record CorpusClip(Clip clip, Path path, SyntheticScene scene, List<WrittenFrame> frames, Optional<ByteRange> damaged) {
  public CorpusClip {
    frames = List.copyOf(frames);
  }

  public String name() {
    return clip.name();
  }

  public String description() {
    return clip.format() + " / " + clip.codec() + " " + clip.width() + "x" + clip.height() + " @ " + clip.frameRate()
        + " fps: " + clip.exercises();
  }
}
