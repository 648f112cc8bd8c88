package dev.resolute.profile;

import dev.resolute.control.StartingCosts;
import dev.resolute.model.ModelDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile read back for the processor: per level, the milliseconds per frame and the quality a
 * new camera's controller starts from instead of warming up. It covers the source size it was
 * measured at; other sizes get none (they warm up as before). Costs are the end-to-end p50 of the
 * model's own upsampling method, quality the agreement with level 0 (the controller's own measure,
 * refined online by its shadow runs).
 */
public final class ProfileCosts implements StartingCosts {
  private static final Logger log = LoggerFactory.getLogger(ProfileCosts.class);
  private static final ProfileCosts NONE = new ProfileCosts(0, 0, null, null);

  private final int sourceWidth;
  private final int sourceHeight;
  private final double[] msPerFrame;
  private final double[] quality;

  private ProfileCosts(int sourceWidth, int sourceHeight, double[] msPerFrame, double[] quality) {
    this.sourceWidth = sourceWidth;
    this.sourceHeight = sourceHeight;
    this.msPerFrame = msPerFrame;
    this.quality = quality;
  }

  public static ProfileCosts none() {
    return NONE;
  }

  /**
   * The profile given ({@code --profile}), else {@code profile.json} in the model's folder, else none.
   *
   * @param explicit the file the user named, or null
   * @param modelDirectory the folder of {@code model.onnx}
   * @throws IllegalArgumentException when the named profile is of another model or another ladder
   */
  public static ProfileCosts find(Path explicit, Path modelDirectory, ModelDescriptor descriptor) {
    if (explicit != null) {
      return of(ModelProfile.read(explicit), descriptor);
    }
    Path cached = modelDirectory.resolve(ModelProfile.FILE_NAME);
    if (!Files.isRegularFile(cached)) {
      return NONE;
    }
    try {
      return of(ModelProfile.read(cached), descriptor);
    } catch (IllegalArgumentException e) {
      log.warn("ignoring {}: {}", cached, e.getMessage());
      return NONE;
    }
  }

  /** The profile's figures for this model's ladder and upsampling method. */
  public static ProfileCosts of(ModelProfile profile, ModelDescriptor descriptor) {
    if (!profile.modelId().equals(descriptor.id())) {
      throw new IllegalArgumentException("the profile is of model " + profile.modelId() + ", not " + descriptor.id());
    }
    String method = profile.upsampleMethods().contains(descriptor.upsample().label())
        ? descriptor.upsample().label() : profile.upsampleMethods().get(0);
    List<ProfileRow> rows = profile.rowsOf(method);
    List<Double> fractions = rows.stream().map(ProfileRow::fraction).toList();
    if (!fractions.equals(descriptor.ladder())) {
      throw new IllegalArgumentException("the profile's levels " + fractions + " are not model " + descriptor.id()
          + "'s ladder " + descriptor.ladder() + ": profile it again without --levels");
    }
    double[] ms = rows.stream().mapToDouble(ProfileRow::endToEndP50Ms).toArray();
    boolean measured = rows.stream().allMatch(r -> r.agreement() != null);
    double[] quality = measured ? rows.stream().mapToDouble(ProfileRow::agreement).toArray() : null;
    log.info("starting costs for {} sources from the profile of {}: ms/frame per level {}", profile.sourceSize(),
        profile.modelId(), java.util.Arrays.toString(ms));
    return new ProfileCosts(profile.sourceWidth(), profile.sourceHeight(), ms, quality);
  }

  /** Milliseconds per frame of every level for sources of this size, or null when not profiled. */
  @Override
  public double[] costsFor(int width, int height) {
    return covers(width, height) ? msPerFrame.clone() : null;
  }

  /** Quality of every level (agreement with level 0) for this size, or null when not measured. */
  @Override
  public double[] qualityFor(int width, int height) {
    return covers(width, height) && quality != null ? quality.clone() : null;
  }

  private boolean covers(int width, int height) {
    return msPerFrame != null && width == sourceWidth && height == sourceHeight;
  }
}
