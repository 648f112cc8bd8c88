package dev.resolute.inference;

/**
 * Gives a one-channel foreground probability the two-plane layout of logits, so that a
 * probability model goes through the same upsample-and-argmax as any other. {@code [1 - p, p]}
 * rather than log-odds: bilinear interpolation commutes with {@code 1 - p}, so the argmax of the
 * upsampled planes is exactly "upsampled probability above 0.5".
 */
final class ProbabilityPlanes {
  private ProbabilityPlanes() {}

  /**
   * @param probability N1HW, {@code batch} planes of {@code plane} values
   * @return N2HW: background {@code 1 - p}, then foreground {@code p}
   */
  static float[] expand(float[] probability, int batch, int plane) {
    float[] out = new float[batch * 2 * plane];
    for (int n = 0; n < batch; n++) {
      int from = n * plane;
      int background = n * 2 * plane;
      int foreground = background + plane;
      for (int i = 0; i < plane; i++) {
        float p = probability[from + i];
        out[background + i] = 1f - p;
        out[foreground + i] = p;
      }
    }
    return out;
  }
}
