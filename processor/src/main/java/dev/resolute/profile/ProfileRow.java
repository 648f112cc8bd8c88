package dev.resolute.profile;

/**
 * One level of a profile, for one upsampling method. Milliseconds are per frame (batch 1): p50 and
 * p95 over the profiled frames. Quality figures are null where not measured.
 *
 * @param fraction the level as a fraction of the source size
 * @param endToEndP50Ms decode (the clip's mean per frame) + resize + inference + upsample + encode
 * @param framesPerSecond 1000 over the mean end-to-end time
 * @param miou mean IoU against the footage's labels, over all profiled frames together
 * @param miouSpread standard deviation of the per-frame mIoU against the labels
 * @param agreement mean over frames of the mIoU of this level's mask against level 0's (same method)
 * @param agreementSpread its standard deviation over frames
 */
public record ProfileRow(
    String upsample,
    int level,
    double fraction,
    int width,
    int height,
    double gflops,
    double activationMb,
    double decodeMs,
    double resizeP50Ms,
    double resizeP95Ms,
    double inferenceP50Ms,
    double inferenceP95Ms,
    double upsampleP50Ms,
    double upsampleP95Ms,
    double encodeP50Ms,
    double encodeP95Ms,
    double endToEndP50Ms,
    double endToEndP95Ms,
    double framesPerSecond,
    Double miou,
    Double miouSpread,
    Double agreement,
    Double agreementSpread) {

  /** The quality the table and the plot show: against labels where there are some, else against level 0. */
  public Double quality() {
    return miou != null ? miou : agreement;
  }
}
