package dev.resolute.workbench.profile;

import dev.resolute.profile.ModelProfile;
import dev.resolute.profile.ProfileRow;
import java.util.List;
import java.util.Locale;

/** {@code profile.md} and {@code profile.csv}: the same rows, for people and for spreadsheets. */
public final class ProfileTables {
  private static final List<String> CSV_COLUMNS = List.of("upsample", "level", "fraction", "width", "height", "gflops",
      "activation_mb", "decode_ms", "resize_p50_ms", "resize_p95_ms", "inference_p50_ms", "inference_p95_ms",
      "upsample_p50_ms", "upsample_p95_ms", "encode_p50_ms", "encode_p95_ms", "end_to_end_p50_ms", "end_to_end_p95_ms",
      "frames_per_second", "miou", "miou_spread", "agreement", "agreement_spread");

  private ProfileTables() {}

  public static String csv(ModelProfile profile) {
    StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (ProfileRow r : profile.rows()) {
      csv.append(String.join(",", r.upsample(), Integer.toString(r.level()), num(r.fraction()), Integer.toString(r.width()),
          Integer.toString(r.height()), num(r.gflops()), num(r.activationMb()), num(r.decodeMs()), num(r.resizeP50Ms()),
          num(r.resizeP95Ms()), num(r.inferenceP50Ms()), num(r.inferenceP95Ms()), num(r.upsampleP50Ms()), num(r.upsampleP95Ms()),
          num(r.encodeP50Ms()), num(r.encodeP95Ms()), num(r.endToEndP50Ms()), num(r.endToEndP95Ms()), num(r.framesPerSecond()),
          num(r.miou()), num(r.miouSpread()), num(r.agreement()), num(r.agreementSpread()))).append('\n');
    }
    return csv.toString();
  }

  public static String markdown(ModelProfile profile) {
    StringBuilder md = new StringBuilder();
    md.append("# Profile of ").append(profile.modelId()).append(" on ").append(profile.source()).append("\n\n");
    md.append(String.format(Locale.ROOT, "Source %s, %d frames spread over the clip, one frame per inference call; %s on %s, %s, "
        + "%d cores. Milliseconds per frame as p50 / p95 over the frames; end to end = decode (the clip's mean, %.2f ms) + resize "
        + "+ inference + upsample + encode; frames/s = 1000 / mean end to end. GFLOPs and activation memory are counted from "
        + "the ONNX graph (a multiply-add is 2 FLOPs; activations at 4 bytes an element; weights not included).%n%n",
        profile.sourceSize(), profile.frames(), profile.engine(), profile.device(), profile.date(),
        Runtime.getRuntime().availableProcessors(), profile.rows().get(0).decodeMs()));
    md.append(switch (profile.qualityKind()) {
      case "miou" -> "Quality: mIoU against the footage's labels over all frames (± the standard deviation of the per-frame "
          + "mIoU); agreement: mIoU of each level's mask against level 0's, same upsampling.\n\n";
      case "agreement" -> "Quality: the footage has no labels, so agreement with the top level: mean over frames of the mIoU "
          + "of each level's mask against level 0's mask (same upsampling), ± its standard deviation over frames.\n\n";
      default -> "Quality: not measured (left empty on purpose: this model's weights are not trained, so its masks "
          + "mean nothing).\n\n";
    });
    for (String method : profile.upsampleMethods()) {
      md.append("## Upsampling: ").append(method).append("\n\n");
      md.append("| level | fraction | inference | GFLOPs | activations MB | resize ms | inference ms | upsample ms | encode ms "
          + "| end to end ms | frames/s | mIoU | agreement |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (ProfileRow r : profile.rowsOf(method)) {
        md.append(String.format(Locale.ROOT, "| %d | %s | %dx%d | %.3f | %.1f | %s | %s | %s | %s | %s | %.1f | %s | %s |%n",
            r.level(), num(r.fraction()), r.width(), r.height(), r.gflops(), r.activationMb(),
            pair(r.resizeP50Ms(), r.resizeP95Ms()), pair(r.inferenceP50Ms(), r.inferenceP95Ms()),
            pair(r.upsampleP50Ms(), r.upsampleP95Ms()), pair(r.encodeP50Ms(), r.encodeP95Ms()),
            pair(r.endToEndP50Ms(), r.endToEndP95Ms()), r.framesPerSecond(), quality(r.miou(), r.miouSpread()),
            quality(r.agreement(), r.agreementSpread())));
      }
      md.append('\n');
    }
    if (profile.upsampleMethods().size() > 1) {
      md.append(methodComparison(profile));
    }
    return md.toString();
  }

  /** The paper's interpolation question: each method against the first, level by level. */
  private static String methodComparison(ModelProfile profile) {
    String base = profile.upsampleMethods().get(0);
    StringBuilder md = new StringBuilder("## Upsampling methods against ").append(base).append("\n\n");
    md.append("| level | method | quality | quality - ").append(base).append(" | upsample ms (p50) | upsample ms - ").append(base)
        .append(" |\n|---|---|---|---|---|---|\n");
    List<ProfileRow> baseRows = profile.rowsOf(base);
    for (String method : profile.upsampleMethods()) {
      List<ProfileRow> rows = profile.rowsOf(method);
      for (int i = 0; i < rows.size(); i++) {
        ProfileRow r = rows.get(i);
        ProfileRow b = baseRows.get(i);
        Double dq = r.quality() == null || b.quality() == null ? null : r.quality() - b.quality();
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.2f | %+.2f |%n", r.level(), method, num4(r.quality()),
            dq == null ? "" : String.format(Locale.ROOT, "%+.4f", dq), r.upsampleP50Ms(), r.upsampleP50Ms() - b.upsampleP50Ms()));
      }
    }
    return md.append('\n').toString();
  }

  private static String pair(double p50, double p95) {
    return String.format(Locale.ROOT, "%.2f / %.2f", p50, p95);
  }

  private static String quality(Double mean, Double spread) {
    return mean == null ? "" : String.format(Locale.ROOT, "%.4f ± %.4f", mean, spread);
  }

  private static String num4(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String num(Double v) {
    return v == null ? "" : Double.toString(Math.round(v * 1e6) / 1e6);
  }
}
