package dev.resolute.workbench.cli;

import dev.resolute.cli.DeviceOptions;
import dev.resolute.cli.UserError;
import dev.resolute.inference.OnnxModel;
import dev.resolute.model.RgbSegmenterModel;
import dev.resolute.model.UpsampleMethod;
import dev.resolute.profile.ModelProfile;
import dev.resolute.workbench.profile.LevelProfiler;
import dev.resolute.workbench.profile.ProfileFootage;
import dev.resolute.workbench.profile.ProfileTables;
import dev.resolute.workbench.profile.TradeOffPlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "The paper's trade-off table for a model on your footage: per level the inference size, GFLOPs, activation "
        + "memory, ms/frame per step (p50, p95), frames/s and quality (mIoU against labels, else agreement with level 0). "
        + "Writes profile.md, profile.csv, profile.png and profile.json (also into the model's folder, where run finds it).")
final class ProfileCommand implements Callable<Integer> {
  private static final Pattern GENERATED = Pattern.compile("generated(?::(\\d+)x(\\d+))?");

  @Spec CommandSpec spec;
  @Mixin DeviceOptions devices;

  @Option(names = "--model", required = true, paramLabel = "NAME|PATH", description = "Model: generated, isnet, regseg, a folder or an .onnx file.")
  String model;

  @Option(names = "--source", required = true, paramLabel = "FILE|generated[:WxH]",
      description = "Video file; 'generated' writes 10 s of labelled generated footage (640x480 unless WxH) into --out and profiles it.")
  String source;

  @Option(names = "--labels", paramLabel = "DIR", description = "Labels of --source: one 8-bit grey PNG of class indices per frame, "
      + "named by its index in decode order (000000.png, 000001.png, ...).")
  Path labels;

  @Option(names = "--levels", split = ",", paramLabel = "FRACTION",
      description = "Levels as fractions of the source size, highest first (default: the model's ladder).")
  List<Double> levels;

  @Option(names = "--upsample", split = ",", paramLabel = "bilinear|bicubic|nearest",
      description = "Upsampling methods to compare, comma-separated (default: the model's own, then the other two).")
  List<String> upsample;

  @Option(names = "--frames", defaultValue = "30", description = "Frames to profile, spread evenly over the clip (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--no-quality", description = "Leave quality empty: for a model whose weights are not trained, whose masks mean nothing.")
  boolean noQuality;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the four files into.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (frames < 1) {
      throw new UserError("--frames must be >= 1, got " + frames);
    }
    List<UpsampleMethod> asked = asked(); // a typo fails here, before minutes of footage and inference
    Files.createDirectories(out);
    try (OnnxModel loaded = devices.load(model)) {
      ProfileFootage footage = footage();
      if (footage.labelled() && !labelsFit(loaded, footage)) {
        if (!noQuality) {
          spec.commandLine().getOut().println("the generated footage's labels are " + RgbSegmenterModel.CLASSES + ", model "
              + loaded.descriptor().id() + " has other classes: quality is agreement with level 0");
        }
        footage = footage.unlabelled();
      }
      LevelProfiler profiler = new LevelProfiler(levels == null ? loaded.descriptor().ladder() : levels,
          asked.isEmpty() ? methods(loaded.descriptor().upsample()) : asked, !noQuality);
      ModelProfile profile = profiler.run(loaded, footage);
      profile.write(out.resolve(ModelProfile.FILE_NAME));
      Files.writeString(out.resolve("profile.md"), ProfileTables.markdown(profile), StandardCharsets.UTF_8);
      Files.writeString(out.resolve("profile.csv"), ProfileTables.csv(profile), StandardCharsets.UTF_8);
      TradeOffPlot.write(profile, out.resolve("profile.png"));
      spec.commandLine().getOut().print(ProfileTables.markdown(profile));
      if (levels == null) {
        // where run finds it without --profile
        profile.write(loaded.directory().resolve(ModelProfile.FILE_NAME));
        spec.commandLine().getOut().println("kept for the processor in " + loaded.directory().resolve(ModelProfile.FILE_NAME));
      }
      spec.commandLine().getOut().println("wrote profile.md, profile.csv, profile.png and profile.json into " + out);
    }
    return 0;
  }

  private ProfileFootage footage() throws Exception {
    Matcher generated = GENERATED.matcher(source);
    if (generated.matches()) {
      if (labels != null) {
        throw new UserError("--labels goes with a video file; generated footage brings its own");
      }
      int w = generated.group(1) == null ? RgbSegmenterModel.NATIVE_SIZE.width() : Integer.parseInt(generated.group(1));
      int h = generated.group(2) == null ? RgbSegmenterModel.NATIVE_SIZE.height() : Integer.parseInt(generated.group(2));
      return ProfileFootage.generated(out, w, h, 10, frames);
    }
    Path file = Path.of(source);
    if (!Files.isRegularFile(file)) {
      throw new UserError("--source " + source + ": no such file (give a video file, or 'generated')");
    }
    if (labels != null && !Files.isDirectory(labels)) {
      throw new UserError("--labels " + labels + ": not a folder");
    }
    return ProfileFootage.read(file, frames, labels);
  }

  /** Labels as the generated footage writes them score only a model with the generated model's classes. */
  private boolean labelsFit(OnnxModel loaded, ProfileFootage footage) {
    return labels != null || loaded.descriptor().classNames().equals(RgbSegmenterModel.CLASSES);
  }

  /** The model's own method first, then the other two. */
  private static List<UpsampleMethod> methods(UpsampleMethod own) {
    List<UpsampleMethod> methods = new ArrayList<>();
    methods.add(own);
    for (UpsampleMethod m : UpsampleMethod.values()) {
      if (m != own) {
        methods.add(m);
      }
    }
    return methods;
  }

  /** The methods --upsample names, empty without it. */
  private List<UpsampleMethod> asked() {
    List<UpsampleMethod> methods = new ArrayList<>();
    for (String name : upsample == null ? List.<String>of() : upsample) {
      try {
        methods.add(UpsampleMethod.parse(name));
      } catch (RuntimeException e) {
        throw new UserError("--upsample: " + e.getMessage());
      }
    }
    return methods;
  }
}
